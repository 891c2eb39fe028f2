import type { ConnectorDto } from '@gatehouse/client/dto';
import type { ReactNode } from 'react';
import { useEntity } from '../../api/use-entity.ts';
import { DeleteButton } from '../../components/delete-button.tsx';
import { FormButton } from '../../components/form-button.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';
import { orDash } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { ConnectorForm } from './connector-form.tsx';
import type { ConnectorInput } from './connector-input.ts';
import { presetLabel } from './connectors-page.tsx';

function Setting({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ConnectorDetailPage({ id }: { id: string }) {
  const { path, query } = useEntity<ConnectorDto>('connectors', id);
  return (
    <QueryView query={query}>
      {(connector) => {
        const c = connector.config;
        const name = connector.metadata.name.en;
        return (
          <>
            <PageHeader
              back={{ to: '/connectors', label: 'Connectors' }}
              title={name}
              description={
                <>
                  {presetLabel(connector.connectorId)} connector, target <code>{connector.target}</code>
                </>
              }
              actions={
                <>
                  <FormButton<ConnectorInput>
                    method="PATCH"
                    label="Edit connector"
                    path={path}
                    onSent={query.reload}
                    form={(props) => <ConnectorForm initial={connector} {...props} />}
                  />
                  <DeleteButton label="Delete connector" title="Delete this connector?" path={path} then="/connectors">
                    <p>
                      <strong>{name}</strong> disappears from the sign-in page. Identities linked through it stay on their users, and come
                      back into use if a connector with the same target is created.
                    </p>
                  </DeleteButton>
                </>
              }
            />
            <div className="stack">
              <section className="card stack-sm" aria-labelledby="redirect-uri-title">
                <h2 id="redirect-uri-title">Redirect URI</h2>
                <p className="muted">Register this callback URL at the provider (its &quot;redirect&quot; or &quot;callback&quot; URL).</p>
                <CopyValue value={connector.redirectUri} label="redirect URI" />
              </section>
              <section className="card stack-sm" aria-labelledby="settings-title">
                <h2 id="settings-title">Settings</h2>
                <dl className="details">
                  <Setting term="Client ID">
                    <CopyValue value={c.clientId} label="client ID" />
                  </Setting>
                  <Setting term="Client secret">
                    <code>{c.clientSecret}</code>
                  </Setting>
                  <Setting term="Scope">{orDash(c.scope ? <code>{c.scope}</code> : null)}</Setting>
                  {c.issuer && (
                    <Setting term="Issuer">
                      <code>{c.issuer}</code>
                    </Setting>
                  )}
                  <Setting term="Authorization endpoint">
                    <code>{c.authorizationEndpoint}</code>
                  </Setting>
                  <Setting term="Token endpoint">
                    <code>{c.tokenEndpoint}</code> ({c.tokenEndpointAuthMethod})
                  </Setting>
                  {c.idTokenVerificationConfig && (
                    <Setting term="JWKS URI">
                      <code>{c.idTokenVerificationConfig.jwksUri}</code>
                    </Setting>
                  )}
                  {c.userInfoEndpoint && (
                    <Setting term="User info endpoint">
                      <code>{c.userInfoEndpoint}</code>
                    </Setting>
                  )}
                  {c.profileMap && (
                    <Setting term="Profile map">
                      <code>
                        id: {c.profileMap.id}, email: {c.profileMap.email}, name: {c.profileMap.name}, avatar: {c.profileMap.avatar}
                      </code>
                    </Setting>
                  )}
                  <Setting term="Profile sync">{connector.syncProfile ? 'At every sign-in' : 'Only when the user is created'}</Setting>
                </dl>
              </section>
            </div>
          </>
        );
      }}
    </QueryView>
  );
}
