import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { loadConfig } from '../../src/config/index.ts';
import { silentLogger, type Logger } from '../../src/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import type { DeliveryWorkerOptions } from '../../src/services/events/delivery-worker.ts';
import { createTestDatabase, type TestDialect } from './databases.ts';

export interface TestServer extends RunningServer {
  endpoint: string;
  issuer: string;
  managementApi: string;
  databaseUrl: string;
  admin: { clientId: string; clientSecret: string };
  /** A Management API token from the bootstrap admin app (client_credentials). */
  adminToken(): Promise<string>;
  api(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function clientCredentialsToken(
  endpoint: string,
  clientId: string,
  clientSecret: string,
  params: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${endpoint}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  return { status: res.status, body: await res.json() };
}

/**
 * Starts the real server on a loopback port with a fresh database of the given dialect and
 * a bootstrap admin app, the way `npm start` does (same config loader, same startup).
 */
export async function startTestServer(
  dialect: TestDialect,
  options: {
    env?: Record<string, string>;
    databaseUrl?: string;
    logger?: Logger;
    deliveries?: DeliveryWorkerOptions;
    /** The host name ENDPOINT publishes (the server still listens on 127.0.0.1): WebAuthn needs a domain, e.g. 'localhost'. */
    publicHost?: string;
  } = {},
): Promise<TestServer> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await createTestDatabase(dialect);
  const port = await freePort();
  const endpoint = `http://${options.publicHost ?? '127.0.0.1'}:${port}`;
  const admin = { clientId: 'test-admin', clientSecret: randomBytes(24).toString('base64url') };
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    ENDPOINT: endpoint,
    DATABASE_URL: database.url,
    BOOTSTRAP_ADMIN_CLIENT_ID: admin.clientId,
    BOOTSTRAP_ADMIN_CLIENT_SECRET: admin.clientSecret,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const running = await startServer(config, { logger: options.logger ?? silentLogger(), deliveries: options.deliveries });
  let cached: { token: string; exp: number } | undefined;
  const adminToken = async () => {
    if (cached && cached.exp > Date.now() + 60_000) return cached.token;
    const { status, body } = await clientCredentialsToken(endpoint, admin.clientId, admin.clientSecret, {
      resource: `${endpoint}/api`,
      scope: 'all',
    });
    if (status !== 200) throw new Error(`admin token request failed: ${status} ${JSON.stringify(body)}`);
    cached = { token: body.access_token, exp: Date.now() + body.expires_in * 1000 };
    return cached.token;
  };
  return {
    ...running,
    endpoint,
    issuer: `${endpoint}/oidc`,
    managementApi: `${endpoint}/api`,
    databaseUrl: database.url,
    admin,
    adminToken,
    async api(method, path, body, token) {
      const bearer = token === undefined ? await adminToken() : token;
      const res = await fetch(`${endpoint}/api${path}`, {
        method,
        headers: {
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async stop() {
      await running.close();
      await database.drop();
    },
  };
}
