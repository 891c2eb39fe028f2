import { useGatehouse, type AccessTokenClaims, type IdTokenClaims, type UserInfo } from '@gatehouse/react';
import { useEffect, useState } from 'react';
import type { ExampleConfig } from './config.ts';

const HASURA_CLAIMS = 'https://hasura.io/jwt/claims';

interface Loaded {
  idTokenClaims: IdTokenClaims;
  userInfo: UserInfo;
  accessTokenClaims: AccessTokenClaims;
}

interface ApiResult {
  status: number;
  body: string;
}

export function SignedIn({ config }: { config: ExampleConfig }) {
  const { getIdTokenClaims, fetchUserInfo, getAccessTokenClaims, fetchWithToken, signOut, error } = useGatehouse();
  const [loaded, setLoaded] = useState<Loaded>();
  const [role, setRole] = useState('');
  const [result, setResult] = useState<ApiResult>();
  const [calling, setCalling] = useState(false);
  // The organization the app acts in ('' = none): its Hasura calls carry a token for it.
  const [organizationId, setOrganizationId] = useState('');

  useEffect(() => {
    let live = true;
    Promise.all([getIdTokenClaims(), fetchUserInfo(), getAccessTokenClaims(config.resource, organizationId || undefined)]).then(
      ([idTokenClaims, userInfo, accessTokenClaims]) => {
        if (!live) return;
        setLoaded({ idTokenClaims, userInfo, accessTokenClaims });
        setRole(accessTokenClaims[HASURA_CLAIMS]?.['x-hasura-default-role'] ?? '');
      },
      () => undefined, // shown through `error`
    );
    return () => {
      live = false;
    };
  }, [getIdTokenClaims, fetchUserInfo, getAccessTokenClaims, config.resource, organizationId]);

  const callApi = async () => {
    setCalling(true);
    try {
      const res = await fetchWithToken(config.apiUrl, {
        resource: config.resource,
        organizationId: organizationId || undefined,
        hasuraRole: role || undefined,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ users { id } }' }),
      });
      setResult({ status: res.status, body: await res.text() });
    } catch (e) {
      setResult({ status: 0, body: e instanceof Error ? e.message : String(e) });
    } finally {
      setCalling(false);
    }
  };

  if (!loaded)
    return error ? (
      <p className="error" id="error">
        {error.message}
      </p>
    ) : (
      <p>Loading your tokens…</p>
    );
  const { idTokenClaims, userInfo, accessTokenClaims } = loaded;
  const hasura = accessTokenClaims[HASURA_CLAIMS];
  const allowedRoles = hasura?.['x-hasura-allowed-roles'];
  const scopes = accessTokenClaims.scope ? accessTokenClaims.scope.split(' ') : [];
  const organizations = idTokenClaims.organizations ?? [];

  return (
    <>
      <section>
        <h2>User</h2>
        <p>
          Signed in as <strong id="user-name">{userInfo.name ?? userInfo.username ?? idTokenClaims.sub}</strong> (
          <span id="user-username">{userInfo.username ?? '—'}</span>, id <code id="user-sub">{idTokenClaims.sub}</code>)
        </p>
        <details>
          <summary>ID token claims</summary>
          <pre id="id-token-claims">{JSON.stringify(idTokenClaims, null, 2)}</pre>
        </details>
      </section>

      <section>
        <h2>Organization</h2>
        <label htmlFor="organization">Act in </label>
        <select
          id="organization"
          value={organizationId}
          onChange={(e) => {
            setResult(undefined);
            setOrganizationId(e.target.value);
          }}
        >
          <option value="">No organization (global roles only)</option>
          {organizations.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <p className="note">
          With an organization, the token is asked for with <code>organization_id</code>: it adds the roles held there and{' '}
          <code>x-hasura-org-id</code>.
        </p>
      </section>

      <section>
        <h2>Access token for Hasura</h2>
        <p>
          Audience <code id="token-audience">{String(accessTokenClaims.aud)}</code>, scopes{' '}
          <span id="token-scopes">
            {scopes.length ? (
              scopes.map((s) => (
                <span className="scope" key={s}>
                  {s}
                </span>
              ))
            ) : (
              <em>none</em>
            )}
          </span>
        </p>
        {hasura ? (
          <pre id="hasura-claims">{JSON.stringify(hasura, null, 2)}</pre>
        ) : (
          <p className="note" id="no-hasura-claims">
            This token has no <code>{HASURA_CLAIMS}</code> claim, so Hasura (JWT mode) will refuse it. Enable the Hasura preset or return
            the claims from a custom JWT script in Gatehouse; meanwhile you can type a role below.
          </p>
        )}
        <details>
          <summary>Decoded access token</summary>
          <pre id="access-token-claims">{JSON.stringify(accessTokenClaims, null, 2)}</pre>
        </details>
      </section>

      <section>
        <h2>Call the API</h2>
        <label htmlFor={allowedRoles ? 'role' : 'role-input'}>Role (x-hasura-role) </label>
        {allowedRoles ? (
          <select id="role" value={role} onChange={(e) => setRole(e.target.value)}>
            {allowedRoles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        ) : (
          <input id="role-input" value={role} placeholder="user:reader" onChange={(e) => setRole(e.target.value)} />
        )}{' '}
        <button id="call-api" disabled={calling} onClick={() => void callApi()}>
          Call the API
        </button>
        <p className="note">
          POST <code>{config.apiUrl}</code> with <code>Authorization: Bearer …</code> and <code>x-hasura-role</code>.
        </p>
        {result && (
          <>
            <p>
              HTTP <span id="api-status">{result.status}</span>
            </p>
            <pre id="api-response">{result.body}</pre>
          </>
        )}
      </section>

      <button id="sign-out" onClick={() => void signOut(`${window.location.origin}/`).catch(() => undefined)}>
        Sign out
      </button>
    </>
  );
}
