// The `refresh` row's load process. Refresh tokens rotate and a reused one revokes its grant,
// so every virtual connection owns one chain (one signed-in session) and sends its next
// request only with the refresh token the previous answer returned: C closed loops over one
// undici keep-alive pool of C connections. A chain whose request fails (network error or
// non-200) is stopped, since its token may have been consumed.
//
// argv[2]: JSON file { endpoint, clientId, resource, params?, tokenKey?, duration, chains: [{ refreshToken, accessToken }] }
// (params: extra form parameters such as organization_id; tokenKey: where each chain keeps the access token it got)
// Writes the advanced chains back to the same file; prints BENCH_START, then one BENCH_JSON line.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
const spec = JSON.parse(readFileSync(file, 'utf8'));
const { endpoint, clientId, resource, params = {}, tokenKey = 'accessToken', duration, chains } = spec;
const maxRequestsPerChain = 1_000_000; // a bound besides time

let request;
let closeClient;
try {
  const { Pool } = await import('undici');
  const pool = new Pool(endpoint, { connections: chains.length, pipelining: 1, keepAliveTimeout: 60_000 });
  closeClient = () => pool.close();
  request = async (body) => {
    const res = await pool.request({
      path: '/oidc/token',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { status: res.statusCode, text: await res.body.text() };
  };
} catch {
  // undici not installed: node:http with a keep-alive agent (costs the client more CPU).
  const http = await import('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: chains.length });
  closeClient = async () => agent.destroy();
  const url = new URL('/oidc/token', endpoint);
  request = (body) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode, text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

const latencies = [];
let ok = 0;
let non2xx = 0;
let errors = 0;
let lastFailure;

process.stdout.write('BENCH_START\n');
const t0 = performance.now();
const end = t0 + duration * 1000;

await Promise.all(
  chains.map(async (chain) => {
    for (let n = 0; n < maxRequestsPerChain && !chain.dead && performance.now() < end; n += 1) {
      const body = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: chain.refreshToken,
        client_id: clientId,
        resource,
        ...params,
      }).toString();
      const started = performance.now();
      let res;
      try {
        res = await request(body);
      } catch (error) {
        errors += 1;
        chain.dead = true;
        lastFailure = String(error?.message ?? error);
        break;
      }
      latencies.push(performance.now() - started);
      if (res.status !== 200) {
        non2xx += 1;
        chain.dead = true;
        lastFailure = `${res.status} ${res.text.slice(0, 300)}`;
        break;
      }
      const tokens = JSON.parse(res.text);
      if (!tokens.refresh_token || !tokens.access_token) {
        non2xx += 1;
        chain.dead = true;
        lastFailure = `200 without tokens: ${res.text.slice(0, 300)}`;
        break;
      }
      chain.refreshToken = tokens.refresh_token;
      chain[tokenKey] = tokens.access_token;
      ok += 1;
    }
  }),
);
const durationS = (performance.now() - t0) / 1000;
await closeClient();

latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
writeFileSync(file, JSON.stringify({ ...spec, chains }));
process.stdout.write(
  `BENCH_JSON ${JSON.stringify({
    requests: latencies.length + errors,
    durationS,
    p50Ms: pct(50),
    p99Ms: pct(99),
    maxMs: latencies.at(-1) ?? NaN,
    errors,
    non2xx,
    ok,
    deadChains: chains.filter((c) => c.dead).length,
    lastFailure,
  })}\n`,
);
