import type { SsoConnectorDto } from '@gatehouse/client/dto';
import { useEntity } from '../../api/use-entity.ts';
import { DeleteButton } from '../../components/delete-button.tsx';
import { FormButton } from '../../components/form-button.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';
import { orDash } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { SsoConnectorForm, type SsoConnectorInput } from './sso-connector-form.tsx';

export function SsoConnectorDetailPage({ id }: { id: string }) {
  const { path, query } = useEntity<SsoConnectorDto>('sso-connectors', id);
  return (
    <QueryView query={query}>
      {(connector) => (
        <>
          <PageHeader
            back={{ to: '/sso-connectors', label: 'Enterprise SSO' }}
            title={connector.connectorName}
            description={<code>{connector.config.issuer}</code>}
            actions={
              <>
                <FormButton<SsoConnectorInput>
                  method="PATCH"
                  label="Edit SSO connector"
                  path={path}
                  onSent={query.reload}
                  form={(props) => <SsoConnectorForm initial={connector} {...props} />}
                />
                <DeleteButton label="Delete SSO connector" title="Delete this SSO connector?" path={path} then="/sso-connectors">
                  <p>
                    Users at <strong>{connector.domains.join(', ') || 'its domains'}</strong> no longer sign in through{' '}
                    {connector.connectorName}.
                  </p>
                </DeleteButton>
              </>
            }
          />
          <div className="stack">
            <section className="card stack-sm" aria-labelledby="sso-redirect-uri-title">
              <h2 id="sso-redirect-uri-title">Redirect URI</h2>
              <p className="muted">Register this callback URL at the provider.</p>
              <CopyValue value={connector.redirectUri} label="redirect URI" />
            </section>
            <dl className="card details">
              <div>
                <dt>Client ID</dt>
                <dd>
                  <CopyValue value={connector.config.clientId} label="client ID" />
                </dd>
              </div>
              <div>
                <dt>Client secret</dt>
                <dd>
                  <code>{connector.config.clientSecret}</code>
                </dd>
              </div>
              <div>
                <dt>Scope</dt>
                <dd>{orDash(connector.config.scope ? <code>{connector.config.scope}</code> : null)}</dd>
              </div>
              <div>
                <dt>Email domains</dt>
                <dd>{orDash(connector.domains.join(', ') || null)}</dd>
              </div>
            </dl>
          </div>
        </>
      )}
    </QueryView>
  );
}
