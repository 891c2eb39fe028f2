import type { ResourceDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { listAll } from '../../api/lists.ts';
import { useQuery } from '../../api/use-query.ts';
import { Link } from '../../router/router.tsx';
import { SelectField } from '../../ui/field.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, QueryView } from '../../ui/states.tsx';
import { DoctorPanel } from './doctor-panel.tsx';
import { JwtSecretPanel } from './jwt-secret-panel.tsx';
import { SigningKeysPanel } from './signing-keys-panel.tsx';
import { WebhookPanel } from './webhook-panel.tsx';

/** Everything Hasura needs from Gatehouse: the JWT secret or the webhook, the keys, and a doctor. */
export function HasuraPage() {
  const resources = useQuery(async (api) => (await listAll<ResourceDto>(api, '/resources')).filter((r) => !r.isBuiltin), []);
  const [chosen, setChosen] = useState('');
  return (
    <>
      <PageHeader
        title="Hasura"
        description="Point Hasura at Gatehouse in JWT mode (Hasura verifies tokens itself) or webhook mode (Gatehouse checks every request against the user's current roles)."
      />
      <div className="stack">
        <QueryView query={resources}>
          {(apis) => {
            if (apis.length === 0) {
              return (
                <Empty title="No API resource for Hasura yet">
                  <p>
                    <Link to="/resources">Create an API resource</Link> such as https://hasura.example.com/api first.
                  </p>
                </Empty>
              );
            }
            const indicator = chosen || apis[0].indicator;
            return (
              <>
                <div className="card">
                  <SelectField
                    label="Hasura's API resource"
                    value={indicator}
                    onChange={setChosen}
                    options={apis.map((r) => ({ value: r.indicator, label: `${r.name} (${r.indicator})` }))}
                    hint="Tokens for this API are the ones Hasura accepts (their aud)."
                  />
                </div>
                <JwtSecretPanel indicator={indicator} />
                <WebhookPanel indicator={indicator} />
              </>
            );
          }}
        </QueryView>
        <SigningKeysPanel />
        <DoctorPanel indicator={chosen || resources.data?.[0]?.indicator} />
      </div>
    </>
  );
}
