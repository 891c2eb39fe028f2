// Management API client for seeding (not measured): admin token by client_credentials.
const basic = (id, secret) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export async function clientCredentials(endpoint, clientId, clientSecret, params) {
  const res = await fetch(`${endpoint}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(clientId, clientSecret) },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`client_credentials failed: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export function managementApi(endpoint, admin) {
  let cached;
  const token = async () => {
    if (cached && cached.exp > Date.now() + 60_000) return cached.token;
    const body = await clientCredentials(endpoint, admin.clientId, admin.clientSecret, { resource: `${endpoint}/api`, scope: 'all' });
    cached = { token: body.access_token, exp: Date.now() + body.expires_in * 1000 };
    return cached.token;
  };
  return async function api(method, path, body, expected = [200, 201, 204]) {
    const res = await fetch(`${endpoint}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token()}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!expected.includes(res.status)) throw new Error(`${method} /api${path} -> ${res.status}: ${text.slice(0, 500)}`);
    return parsed;
  };
}
