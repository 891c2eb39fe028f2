import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { SigningKey } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Notice, QueryView } from '../../ui/states.tsx';

const when = (ms: number | null) => (ms ? new Date(ms).toLocaleString() : '—');
const tone = { current: 'success', next: 'accent', retiring: 'warning' } as const;

/** The published keys and their schedule; rotation publishes the next key before it signs. */
export function SigningKeysPanel() {
  const api = useApi();
  const query = useQuery((a) => a.get<SigningKey[]>('/configs/oidc/signing-keys'), []);
  const [rotating, setRotating] = useState(false);
  const [notice, setNotice] = useState<string>();
  return (
    <section className="card" aria-labelledby="signing-keys">
      <div className="card-header">
        <h2 id="signing-keys">Signing keys</h2>
        <Button onClick={() => setRotating(true)}>Rotate signing key</Button>
      </div>
      {notice && <Notice>{notice}</Notice>}
      <QueryView query={query}>
        {(keys) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Key ID</th>
                  <th scope="col">Algorithm</th>
                  <th scope="col">Status</th>
                  <th scope="col">Signs from</th>
                  <th scope="col">Published until</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.kid}>
                    <td className="mono">{k.kid}</td>
                    <td>{k.alg}</td>
                    <td>
                      <Badge tone={tone[k.status]}>{k.status}</Badge>
                    </td>
                    <td>{when(k.activatesAt)}</td>
                    <td>{when(k.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      <ConfirmDialog
        open={rotating}
        title="Rotate the signing key?"
        confirmLabel="Rotate"
        danger={false}
        onClose={() => setRotating(false)}
        onConfirm={async () => {
          const r = await api.send<{ kid: string; activatesAt: number }>('POST', '/configs/oidc/signing-keys/rotate', {});
          setNotice(`New key ${r.kid} is published now and signs from ${when(r.activatesAt)}.`);
          query.reload();
        }}
      >
        <p>
          A new key is published in the JWKS now and starts signing after the lead time, so Hasura has fetched it by then. The old key stays published
          until its tokens expire.
        </p>
      </ConfirmDialog>
    </section>
  );
}
