export { createMailer, MAIL_RETRY_AFTER_SECONDS, type Mailer } from './mailer.ts';
export { createSmtpTransport, type MailTransport } from './transport.ts';
