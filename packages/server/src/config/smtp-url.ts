/** SMTP_URL parsed: what the mail transport needs, with the password kept out of any message. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps:// (implicit TLS, port 465 by default); smtp:// upgrades with STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** `?requireTLS=true`: refuse a server that does not offer STARTTLS (no silent plain text). */
  requireTLS: boolean;
  /** `?tls.rejectUnauthorized=false` accepts an untrusted certificate (tests, private relays). */
  rejectUnauthorized: boolean;
  /** `?tls.servername=`: the name the certificate must carry, when it differs from the host. */
  servername?: string;
}

const OPTIONS = ['requireTLS', 'tls.rejectUnauthorized', 'tls.servername'] as const;
const BOOLEAN = /^(true|false)$/;

/** The URL with its password replaced, for error messages and logs. */
export function redactSmtpUrl(value: string): string {
  return value.replace(/^([a-z]+:\/\/[^:/@]*:).*@/i, '$1***@');
}

/** Parses SMTP_URL; throws an Error whose message names the problem (never the password). */
export function parseSmtpUrl(value: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('must be smtp://user:pass@host:port or smtps://user:pass@host:port');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('must start with smtp:// or smtps://');
  if (url.hostname === '') throw new Error('must name a host');
  if (url.pathname !== '' && url.pathname !== '/') throw new Error('must not have a path');
  for (const key of url.searchParams.keys()) {
    if (!(OPTIONS as readonly string[]).includes(key)) throw new Error(`unknown option ${key} (allowed: ${OPTIONS.join(', ')})`);
  }
  const flag = (key: (typeof OPTIONS)[number], fallback: boolean) => {
    const raw = url.searchParams.get(key);
    if (raw === null) return fallback;
    if (!BOOLEAN.test(raw)) throw new Error(`${key} must be true or false`);
    return raw === 'true';
  };
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    ...(user !== '' || pass !== '' ? { auth: { user, pass } } : {}),
    requireTLS: flag('requireTLS', false),
    rejectUnauthorized: flag('tls.rejectUnauthorized', true),
    ...(url.searchParams.get('tls.servername') ? { servername: url.searchParams.get('tls.servername')! } : {}),
  };
}

/** EMAIL_FROM: `addr@example.com` or `Name <addr@example.com>`. */
export function isMailbox(value: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+$/.test(value) || /^[^<>@]*<[^\s@<>]+@[^\s@<>]+>$/.test(value.trim());
}
