import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../../config/smtp-url.ts';

/** What the mailer needs from SMTP: send one message, or rehearse a session without sending. */
export interface MailTransport {
  send(message: {
    from: { name: string; address: string };
    to: string;
    replyTo?: string;
    subject: string;
    text?: string;
    html?: string;
  }): Promise<void>;
  /** Connects, greets, upgrades to TLS and authenticates as a send would, then quits. */
  rehearse(): Promise<void>;
  close(): void;
}

/**
 * nodemailer's SMTP transport, one connection per message (no pool): codes are few, and a
 * fresh connection makes a send and a rehearsal do the same handshake. Short time-outs: a
 * person is waiting for the answer, and an unreachable server must become a 503 quickly.
 */
export function createSmtpTransport(smtp: SmtpSettings): MailTransport {
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTLS,
    ...(smtp.auth ? { auth: { user: smtp.auth.user, pass: smtp.auth.pass } } : {}),
    tls: { rejectUnauthorized: smtp.rejectUnauthorized, ...(smtp.servername ? { servername: smtp.servername } : {}) },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // nodemailer logs nothing unless asked; keep it that way (its debug output has credentials).
    logger: false,
    debug: false,
  });
  return {
    async send(message) {
      await transporter.sendMail(message);
    },
    async rehearse() {
      await transporter.verify();
    },
    close: () => transporter.close(),
  };
}
