import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { SigningKeyDto } from '@gatehouse/client/dto';
import { useQuery } from '../../api/use-query.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { Badge } from '../../ui/badge.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { Notice, QueryView } from '../../ui/states.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';

const when = (ms: number | null) => (ms ? new Date(ms).toLocaleString() : '—');
const tone = { current: 'success', next: 'accent', retiring: 'warning' } as const;

/** The published keys and their schedule; rotation publishes the next key before it signs. */
export function SigningKeysPanel() {
  const api = useApi();
  const query = useQuery((a) => a.get<SigningKeyDto[]>('/configs/oidc/signing-keys'), []);
  const [notice, setNotice] = useState<string>();
  return (
    <section className="card" aria-labelledby="signing-keys">
      <div className="card-header">
        <h2 id="signing-keys">Signing keys</h2>
        <ConfirmButton
          label="Rotate signing key"
          title="Rotate the signing key?"
          confirmLabel="Rotate"
          danger={false}
          onConfirm={async () => {
            const r = await api.send<{ kid: string; activatesAt: number }>('POST', '/configs/oidc/signing-keys/rotate', {});
            setNotice(`New key ${r.kid} is published now and signs from ${when(r.activatesAt)}.`);
            query.reload();
          }}
        >
          <p>
            A new key is published in the JWKS now and starts signing after the lead time, so Hasura has fetched it by then. The old key
            stays published until its tokens expire.
          </p>
        </ConfirmButton>
      </div>
      {notice && <Notice>{notice}</Notice>}
      <QueryView query={query}>
        {(keys) => (
          <DataTable
            columns={[
              { header: 'Key ID', cell: (k) => <CopyValue value={k.kid} label={`key ID ${k.kid}`} /> },
              { header: 'Algorithm', cell: (k) => k.alg },
              { header: 'Status', cell: (k) => <Badge tone={tone[k.status]}>{k.status}</Badge> },
              { header: 'Signs from', cell: (k) => when(k.activatesAt) },
              { header: 'Published until', cell: (k) => when(k.expiresAt) },
            ]}
            items={keys.map((k) => ({ ...k, id: k.kid }))}
            empty={{ title: 'No signing keys yet' }}
          />
        )}
      </QueryView>
    </section>
  );
}
