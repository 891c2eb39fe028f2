import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, navigate } from '../../server/test/support/browser.ts';
import { seedHasuraGuide, SPA_REDIRECT, type HasuraFixture } from '../../server/test/support/seed.ts';
import { startTestServer, type TestServer } from '../../server/test/support/server.ts';
import { GatehouseClient, MemoryStorage } from '../src/index.ts';

// Issue 11 item 7: signIn({ redirectUri, firstScreen: 'register' }) opens the hosted pages on "Create account".
describe("signIn's firstScreen (against the real server)", () => {
  let server: TestServer;
  let fx: HasuraFixture;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    fx = await seedHasuraGuide(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** The hosted page a signIn call navigates to, fetched as a browser would. */
  async function pageOf(call: (client: GatehouseClient) => Promise<void>) {
    let target = '';
    const client = new GatehouseClient({
      endpoint: server.endpoint,
      appId: fx.spa.id,
      storage: new MemoryStorage(),
      navigate: (url) => {
        target = url;
      },
    });
    await call(client);
    return { url: new URL(target), page: await navigate(new CookieJar(), target, SPA_REDIRECT) };
  }
  const visible = (html: string, screen: string) => new RegExp(`<section id="screen-${screen}">`).test(html);

  it("sends Logto's first_screen=register, and the hosted pages open on Create account when registration is on", async () => {
    expect((await server.api('PATCH', '/sign-in-exp', { signInMode: 'SignInAndRegister' })).status).toBe(200);
    const register = await pageOf((c) => c.signIn({ redirectUri: SPA_REDIRECT, firstScreen: 'register' }));
    expect(register.url.searchParams.get('first_screen')).toBe('register');
    expect(register.url.searchParams.get('redirect_uri')).toBe(SPA_REDIRECT);
    expect(visible(register.page.html, 'register')).toBe(true);
    expect(visible(register.page.html, 'sign-in')).toBe(false);

    const plain = await pageOf((c) => c.signIn(SPA_REDIRECT));
    expect(plain.url.searchParams.has('first_screen')).toBe(false);
    expect(visible(plain.page.html, 'sign-in')).toBe(true);
  });

  it('opens on sign-in when the settings allow no registration (signInMode SignIn)', async () => {
    expect((await server.api('PATCH', '/sign-in-exp', { signInMode: 'SignIn' })).status).toBe(200);
    const { page } = await pageOf((c) => c.signIn({ redirectUri: SPA_REDIRECT, firstScreen: 'register' }));
    expect(visible(page.html, 'sign-in')).toBe(true);
    expect(page.html).not.toContain('id="screen-register"');
  });
});
