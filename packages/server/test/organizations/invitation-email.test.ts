import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

const inAWeek = () => Date.now() + 7 * 86_400_000;

describe.each(DIALECTS)('Organization invitation emails (%s)', (dialect) => {
  let smtp: TestSmtp;
  let server: TestServer;
  let orgId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer(dialect, { env: { SMTP_URL: smtp.url, EMAIL_FROM: 'Gatehouse <no-reply@example.test>' } });
    const org = await server.api('POST', '/organizations', { name: 'Acme & Co' });
    expect(org.status).toBe(201);
    orgId = org.body.id;
  });

  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  it('sends the OrganizationInvitation template with the messagePayload link when one is given', async () => {
    const before = smtp.received.length;
    const res = await server.api('POST', '/organization-invitations', {
      invitee: 'Invitee@Example.test',
      organizationId: orgId,
      expiresAt: inAWeek(),
      messagePayload: { link: 'https://app.example.test/join?token=abc' },
    });
    expect(res.status).toBe(201);
    const mail = await smtp.mailTo('invitee@example.test', before);
    expect(mail.subject).toBe("You're invited to join Acme & Co");
    expect(mail.text).toContain('https://app.example.test/join?token=abc');
  });

  it('sends nothing without a messagePayload (Logto: the caller sends its own)', async () => {
    const before = smtp.received.length;
    const res = await server.api('POST', '/organization-invitations', {
      invitee: 'quiet@example.test',
      organizationId: orgId,
      expiresAt: inAWeek(),
    });
    expect(res.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.slice(before).some((m) => m.text?.includes('quiet'))).toBe(false);
    expect(smtp.received.length).toBe(before);
  });

  it('leaves no invitation behind when the mail server is down (503 with Retry-After)', async () => {
    await smtp.stop();
    try {
      const res = await server.api('POST', '/organization-invitations', {
        invitee: 'down@example.test',
        organizationId: orgId,
        expiresAt: inAWeek(),
        messagePayload: { link: 'https://app.example.test/join' },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      const list = await server.api('GET', `/organization-invitations?organizationId=${orgId}`);
      expect((list.body as Array<{ invitee: string }>).map((i) => i.invitee)).not.toContain('down@example.test');
    } finally {
      await smtp.start();
    }
  });
});

describe('Organization invitation emails without mail delivery', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses an invitation that asks for an email with 422 naming SMTP_URL, and keeps none', async () => {
    const org = await server.api('POST', '/organizations', { name: 'No mail' });
    const res = await server.api('POST', '/organization-invitations', {
      invitee: 'nomail@example.test',
      organizationId: org.body.id,
      expiresAt: inAWeek(),
      messagePayload: { link: 'https://app.example.test/join' },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('SMTP_URL');
    const list = await server.api('GET', `/organization-invitations?organizationId=${org.body.id}`);
    expect(list.body).toEqual([]);
  });
});
