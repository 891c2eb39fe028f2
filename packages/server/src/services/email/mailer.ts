import {
  languageCandidates,
  renderTemplateText,
  type EmailTemplateDetails,
  type TemplateType,
  type TemplateVariables,
} from '../../domain/accounts/email-templates.ts';
import { MailUnavailableError, UnprocessableError } from '../../domain/errors.ts';
import { listEmailTemplatesOfType } from '../../storage/repositories/email-templates.ts';
import type { SignInExperienceDeps } from '../sign-in-experience/settings.ts';
import { builtInTemplate } from './default-templates.ts';
import { createSmtpTransport, type MailTransport } from './transport.ts';

/** Seconds a client is told to wait after the mail server failed. */
const MAIL_RETRY_AFTER_SECONDS = 30;

export interface Mailer {
  /** SMTP_URL and EMAIL_FROM are set. */
  readonly configured: boolean;
  /** A verification code, in the template of `usage` and the recipient's language. */
  sendVerificationCode(input: { to: string; usage: TemplateType; code: string; locale?: string }): Promise<void>;
  /** Any template with its variables (`{{link}}`, `{{organization.name}}` for an invitation). */
  sendMessage(input: { to: string; usage: TemplateType; locale?: string; variables: TemplateVariables }): Promise<void>;
  /**
   * The dummy of a send, for callers that must not reveal whether an address has an account:
   * resolves and renders the same template and runs the same SMTP handshake (connect, TLS,
   * authentication), then quits without a message. Fails exactly when a send would fail for
   * the server's sake (503), so both answers are the same.
   */
  rehearse(input: { usage: TemplateType; locale?: string; variables: TemplateVariables }): Promise<void>;
  close(): void;
}

function mailboxAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

function mailboxName(from: string): string {
  return /^\s*"?([^"<]*?)"?\s*</.exec(from)?.[1] ?? '';
}

export function createMailer(deps: SignInExperienceDeps, options: { transport?: MailTransport } = {}): Mailer {
  const email = deps.config.email;
  const transport = options.transport ?? (email ? createSmtpTransport(email.smtp) : undefined);

  /** The stored template in the best language, else the built-in one in the best language. */
  async function resolve(usage: TemplateType, locale: string | undefined): Promise<EmailTemplateDetails> {
    const { languageInfo } = await deps.signInExperience.get();
    const languages = languageCandidates(locale, languageInfo.fallbackLanguage);
    const stored = await listEmailTemplatesOfType(deps.db, usage, languages);
    for (const tag of languages) {
      const custom = stored.find((t) => t.languageTag.toLowerCase() === tag.toLowerCase());
      if (custom) return custom.details as EmailTemplateDetails;
      const builtIn = builtInTemplate(tag, usage);
      if (builtIn) return builtIn;
    }
    return builtInTemplate('en', usage)!;
  }

  async function render(usage: TemplateType, locale: string | undefined, variables: TemplateVariables) {
    const template = await resolve(usage, locale);
    const html = template.contentType === 'text/html';
    const body = renderTemplateText(template.content, variables, html);
    return {
      subject: renderTemplateText(template.subject, variables, false).replace(/[\r\n]+/g, ' '),
      ...(html ? { html: body } : { text: body }),
      sendFrom: template.sendFrom ? renderTemplateText(template.sendFrom, variables, false) : undefined,
      replyTo: template.replyTo ? renderTemplateText(template.replyTo, variables, false) : undefined,
    };
  }

  /** Every SMTP failure becomes one retryable error; the log keeps codes, never the message or credentials. */
  async function guarded(usage: TemplateType, run: () => Promise<void>): Promise<void> {
    // Not a passing failure: nothing can be sent until an operator sets SMTP_URL (422, not 503).
    if (!transport || !email) throw new UnprocessableError('Email delivery is not configured (SMTP_URL and EMAIL_FROM are unset).');
    try {
      await run();
    } catch (err) {
      const e = err as { code?: string; responseCode?: number; command?: string };
      deps.logger.warn(
        { event: 'mail.failed', usage, code: e.code, responseCode: e.responseCode, command: e.command },
        'mail server failed',
      );
      throw new MailUnavailableError('The email could not be sent right now. Try again shortly.', MAIL_RETRY_AFTER_SECONDS, { cause: err });
    }
  }

  // A rehearsal skips MAIL/RCPT/DATA, a few round trips: it then waits out the difference
  // between the recent averages of both (EWMA), so a dummy takes as long as a send.
  const average = { send: 0, rehearse: 0 };
  const observe = (kind: keyof typeof average, ms: number) => {
    average[kind] = average[kind] === 0 ? ms : average[kind] * 0.8 + ms * 0.2;
  };

  async function sendMessage(input: { to: string; usage: TemplateType; locale?: string; variables: TemplateVariables }) {
    const message = await render(input.usage, input.locale, input.variables);
    const started = performance.now();
    await guarded(input.usage, async () => {
      const from = email!.from;
      await transport!.send({
        from: { name: message.sendFrom ?? mailboxName(from), address: mailboxAddress(from) },
        to: input.to,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        subject: message.subject,
        ...('html' in message ? { html: message.html } : { text: message.text }),
      });
    });
    observe('send', performance.now() - started);
    deps.logger.info({ event: 'mail.sent', usage: input.usage }, 'email sent');
  }

  return {
    configured: transport !== undefined && email !== undefined,
    sendVerificationCode: ({ to, usage, code, locale }) => sendMessage({ to, usage, locale, variables: { code } }),
    sendMessage,
    async rehearse({ usage, locale, variables }) {
      await render(usage, locale, variables);
      const started = performance.now();
      await guarded(usage, () => transport!.rehearse());
      observe('rehearse', performance.now() - started);
      const gap = Math.min(average.send - average.rehearse, 2_000);
      if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
    },
    close: () => transport?.close(),
  };
}
