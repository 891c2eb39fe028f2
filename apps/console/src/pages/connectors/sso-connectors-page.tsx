import type { SsoConnectorDto } from '@gatehouse/client/dto';
import { linkColumn } from '../../components/link-column.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { orDash } from '../../ui/data-table.tsx';
import { SsoConnectorForm } from './sso-connector-form.tsx';

/** Enterprise SSO: OIDC providers chosen by the user's email domain. */
export function SsoConnectorsPage() {
  return (
    <ListPage<SsoConnectorDto>
      collection="sso-connectors"
      title="Enterprise SSO"
      description="Users whose email is at a listed domain sign in at their organization's OpenID Connect provider."
      createLabel="Create SSO connector"
      createForm={(props) => <SsoConnectorForm {...props} />}
      columns={[
        linkColumn('Name', 'sso-connectors', (c) => c.connectorName),
        { header: 'Issuer', className: 'mono', cell: (c) => c.config.issuer },
        { header: 'Domains', cell: (c) => orDash(c.domains.join(', ') || null) },
      ]}
      empty={{ title: 'No SSO connectors yet', hint: 'e.g. your customers’ Okta or Entra ID, chosen by email domain.' }}
    />
  );
}
