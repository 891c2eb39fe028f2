import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.ts';
import { isMailbox, parseSmtpUrl, redactSmtpUrl } from './smtp-url.ts';

describe('SMTP_URL', () => {
  it('reads smtp:// as STARTTLS on 587 and smtps:// as implicit TLS on 465, with decoded credentials', () => {
    expect(parseSmtpUrl('smtp://mailer:p%40ss%3Aw%2Frd@mail.example.com')).toEqual({
      host: 'mail.example.com',
      port: 587,
      secure: false,
      auth: { user: 'mailer', pass: 'p@ss:w/rd' },
      requireTLS: false,
      rejectUnauthorized: true,
    });
    expect(parseSmtpUrl('smtps://mail.example.com:2465?requireTLS=true&tls.servername=mx.example.com')).toMatchObject({
      port: 2465,
      secure: true,
      requireTLS: true,
      servername: 'mx.example.com',
    });
  });

  it.each([
    ['http://mail.example.com', /smtp:\/\/ or smtps:\/\//],
    ['smtp://mail.example.com/inbox', /path/],
    ['smtp://mail.example.com?pool=true', /unknown option pool/],
    ['smtp://mail.example.com?requireTLS=yes', /true or false/],
  ])('refuses %s', (value, reason) => {
    expect(() => parseSmtpUrl(value)).toThrow(reason);
  });

  it('never shows the password in a configuration error', () => {
    const attempt = () => loadConfig({ SMTP_URL: 'smtp://mailer:hunter2-secret@mail.example.com/x', EMAIL_FROM: 'a@example.com' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SMTP_URL: must not have a path \(got "smtp:\/\/mailer:\*\*\*@mail.example.com\/x"\)/);
    expect(attempt).not.toThrow(/hunter2/);
    expect(redactSmtpUrl('smtp://u:p@ss@host')).toBe('smtp://u:***@host');
  });

  it('needs EMAIL_FROM with SMTP_URL, as an address or Name <address>', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.com' })).toThrow(/EMAIL_FROM: must be set together with SMTP_URL/);
    expect(() => loadConfig({ EMAIL_FROM: 'not an address' })).toThrow(/EMAIL_FROM: must be/);
    expect(isMailbox('Example <no-reply@example.com>')).toBe(true);
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example.com', EMAIL_FROM: 'no-reply@example.com' }).email?.from).toBe(
      'no-reply@example.com',
    );
    expect(loadConfig({}).email).toBeUndefined();
  });
});
