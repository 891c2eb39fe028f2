/**
 * Runs the real server in a child process for the jsdom tests: oidc-provider does not work
 * under jsdom's globals, so it cannot share the test's environment. Seeds Logto's Hasura
 * guide, registers the given redirect origin on the SPA app, prints one JSON line, and
 * stops when stdin closes.
 */
import { seedHasuraGuide } from '../../../server/test/support/seed.ts';
import { startTestServer } from '../../../server/test/support/server.ts';

const origin = process.argv[2];
const server = await startTestServer('sqlite');
const fx = await seedHasuraGuide(server);
const patched = await server.api('PATCH', `/applications/${fx.spa.id}`, {
  oidcClientMetadata: { redirectUris: [`${origin}/callback`], postLogoutRedirectUris: [`${origin}/`] },
});
if (patched.status !== 200) throw new Error(`PATCH application: ${patched.status}`);
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, issuer: server.issuer, fx })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
