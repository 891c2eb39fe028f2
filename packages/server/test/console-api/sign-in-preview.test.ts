import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

for (const dialect of DIALECTS) {
  describe(`sign-in experience preview (${dialect})`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(dialect);
    }, 60_000);
    afterAll(() => server?.stop());

    const preview = async (settings: Record<string, unknown>) => {
      const res = await server.api('POST', '/sign-in-exp/preview', { settings });
      expect(res.status).toBe(200);
      return res.body.url as string;
    };

    it('renders the hosted page with unsaved settings, leaving the saved ones alone', async () => {
      const url = await preview({
        signInMode: 'Register',
        color: { primaryColor: '#0a7d33', isDarkModeEnabled: false, darkPrimaryColor: '#8768F8' },
      });
      const res = await fetch(server.endpoint + url);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<section id="screen-register">');
      expect(html).toContain('<section id="screen-sign-in" hidden>');
      expect(html).toContain('#0a7d33');
      const saved = await server.api('GET', '/sign-in-exp');
      expect(saved.body.signInMode).not.toBe('Register');
    });

    it('runs no script, posts nowhere and lets only this origin frame it', async () => {
      const res = await fetch(server.endpoint + (await preview({})));
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'none'");
      expect(csp).toContain("form-action 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(await res.text()).not.toContain('<script type="module"');
    });

    it('refuses a preview URL it did not sign, and callers without the admin role', async () => {
      const url = await preview({ signInMode: 'Register' });
      const forged = url.replace(
        /d=[^&]+/,
        `d=${Buffer.from(JSON.stringify({ patch: { customCss: 'body{display:none}' }, exp: Date.now() + 60_000 })).toString('base64url')}`,
      );
      expect((await fetch(server.endpoint + forged)).status).toBe(400);
      expect((await fetch(`${server.endpoint}/sign-in-preview`)).status).toBe(400);
      expect((await server.api('POST', '/sign-in-exp/preview', { settings: {} }, null)).status).toBe(401);
    });
  });
}
