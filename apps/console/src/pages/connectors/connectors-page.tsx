import type { ConnectorDto } from '@gatehouse/client/dto';
import { linkColumn } from '../../components/link-column.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { ConnectorForm } from './connector-form.tsx';
import { PRESETS } from './connector-input.ts';

export const presetLabel = (connectorId: string): string => PRESETS.find((p) => p.value === connectorId)?.label ?? connectorId;

/** Social connectors: sign-in through another identity provider (OIDC, OAuth 2.0, GitHub, Google). */
export function ConnectorsPage() {
  return (
    <ListPage<ConnectorDto>
      collection="connectors"
      title="Connectors"
      description="Let users sign in with another identity provider. Each connector has a redirect URI to register at the provider."
      createLabel="Create connector"
      createForm={(props) => <ConnectorForm {...props} />}
      columns={[
        linkColumn('Name', 'connectors', (c) => c.metadata.name.en),
        { header: 'Provider', cell: (c) => presetLabel(c.connectorId) },
        { header: 'Target', className: 'mono', cell: (c) => c.target },
      ]}
      empty={{ title: 'No connectors yet', hint: 'e.g. "Sign in with Google", or your company’s OpenID Connect provider.' }}
    />
  );
}
