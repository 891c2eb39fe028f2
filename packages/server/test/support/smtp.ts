import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback (smtp-server, plain, no auth) whose messages are read back
 * with mailparser. `stop()` and `start()` take it down and bring it back on the same port.
 */
export interface TestSmtp {
  url: string;
  received: ParsedMail[];
  /** The newest message to `to` among those received after the first `after`, waiting a few seconds for it. */
  mailTo(to: string, after?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const recipientsOf = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address));

export async function startSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let port = 0;
  let smtp: SMTPServer | undefined;
  const start = async () => {
    smtp = new SMTPServer({
      logger: false,
      disabledCommands: ['AUTH', 'STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            received.push(mail);
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
    const server = smtp;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  };
  await start();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async mailTo(to, after = 0) {
      for (let i = 0; i < 100; i += 1) {
        const mail = received.slice(after).findLast((m) => recipientsOf(m).includes(to));
        if (mail) return mail;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no mail to ${to}`);
    },
    stop: () => new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve())),
    start,
  };
}

/** The 6-digit code in a verification email. */
export const codeIn = (mail: ParsedMail) => /\b(\d{6})\b/.exec(mail.text ?? '')?.[1] ?? '';
