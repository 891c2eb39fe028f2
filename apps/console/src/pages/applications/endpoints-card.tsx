import type { ApplicationDto } from '@gatehouse/client/dto';
import { CopyValue } from '../../ui/copy-value.tsx';

/** What an app's configuration needs from this server, each with a Copy button. */
export function EndpointsCard({ app }: { app: ApplicationDto }) {
  const origin = window.location.origin;
  const rows: Array<[string, string]> = [
    ['Endpoint', origin],
    ['App ID', app.id],
    ['Issuer', `${origin}/oidc`],
    ['Discovery', `${origin}/oidc/.well-known/openid-configuration`],
    ['Token endpoint', `${origin}/oidc/token`],
    ['JWKS', `${origin}/oidc/jwks`],
  ];
  return (
    <section className="card" aria-labelledby="endpoints">
      <h2 id="endpoints">Endpoints</h2>
      <dl className="endpoint-list">
        {rows.map(([name, value]) => (
          <div key={name}>
            <dt className="muted">{name}</dt>
            <dd>
              <CopyValue value={value} label={name} />
            </dd>
          </div>
        ))}
      </dl>
      <p className="small muted">
        Every Management API route is described in the <a href="/api/docs">API docs</a>.
      </p>
    </section>
  );
}
