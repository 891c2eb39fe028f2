import type { ApplicationDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useEntity } from '../../api/use-entity.ts';
import { DeleteButton } from '../../components/delete-button.tsx';
import { FormButton } from '../../components/form-button.tsx';
import { HolderRolesTab } from '../../components/holder-roles-tab.tsx';
import { NameDescriptionForm } from '../../components/name-description-form.tsx';
import { Badge } from '../../ui/badge.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { Tabs, type Tab } from '../../ui/tabs.tsx';
import { typeLabel } from './applications-page.tsx';
import { EndpointsCard } from './endpoints-card.tsx';
import { SdkSnippet } from './sdk-snippet.tsx';
import { SecretPanel } from './secret-panel.tsx';
import { takeFlashedSecret } from './secret-flash.ts';
import { UriListEditor, type UriLists } from './uri-list-editor.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';
import { TryItPanel } from '../try-it/try-it-panel.tsx';

export function ApplicationDetailPage({ id }: { id: string }) {
  const api = useApi();
  const { path, query } = useEntity<ApplicationDto>('applications', id);
  const [createdSecret] = useState(() => takeFlashedSecret(id));
  const saveUris = async (uris: UriLists) => {
    await api.send('PATCH', path, { oidcClientMetadata: uris });
    query.reload();
  };
  return (
    <QueryView query={query}>
      {(app) => {
        const machine = app.type === 'MachineToMachine';
        const confidential = machine || app.type === 'Traditional';
        const tabs: Tab[] = [
          {
            id: 'sdk',
            label: 'Integration',
            content: () => (
              <div className="stack">
                <EndpointsCard app={app} />
                <SdkSnippet app={app} />
              </div>
            ),
          },
        ];
        if (!machine) {
          tabs.push({
            id: 'uris',
            label: 'Redirect URIs',
            content: () =>
              app.isBuiltin ? (
                <p className="muted">The console's redirect URIs follow the server's ENDPOINT and cannot be edited.</p>
              ) : (
                // Keyed by the saved lists: after Try it adds or removes the console's redirect URI, the editor shows it.
                <UriListEditor key={JSON.stringify(app.oidcClientMetadata)} initial={app.oidcClientMetadata} onSave={saveUris} />
              ),
          });
        }
        if ((app.type === 'SPA' || app.type === 'Native') && !app.isBuiltin) {
          tabs.push({ id: 'try-it', label: 'Try it', content: () => <TryItPanel app={app} onChanged={query.reload} /> });
        }
        if (confidential)
          tabs.push({ id: 'secret', label: 'App secret', content: () => <SecretPanel app={app} initialSecret={createdSecret} /> });
        if (machine) {
          tabs.push({
            id: 'roles',
            label: 'Roles',
            content: () => (
              <HolderRolesTab
                holderPath={path}
                holder={app.name}
                roleType="MachineToMachine"
                intro="Client-credentials tokens carry the permissions these roles grant."
                empty="This application holds no roles yet"
                removeText={(role) => `${app.name} loses ${role.name} for its next tokens.`}
              />
            ),
          });
        }
        return (
          <>
            <PageHeader
              back={{ to: '/applications', label: 'Applications' }}
              title={app.name}
              description={
                <>
                  <Badge tone="accent">{typeLabel(app.type)}</Badge> {app.isBuiltin && <Badge>Built-in</Badge>} App ID{' '}
                  <CopyValue value={app.id} label="App ID" />
                  {app.description && <> · {app.description}</>}
                </>
              }
              actions={
                !app.isBuiltin && (
                  <>
                    <FormButton
                      method="PATCH"
                      label="Edit application"
                      path={path}
                      onSent={query.reload}
                      form={(props) => <NameDescriptionForm label="Edit application" initial={app} {...props} />}
                    />
                    <DeleteButton label="Delete application" title="Delete this application?" path={path} then="/applications">
                      <p>
                        <strong>{app.name}</strong> can no longer sign users in or get tokens.
                      </p>
                    </DeleteButton>
                  </>
                )
              }
            />
            {/* Kept mounted: unsaved redirect URIs survive a look at another tab. */}
            <Tabs label="Application" tabs={tabs} initial={createdSecret ? 'secret' : undefined} keepMounted />
          </>
        );
      }}
    </QueryView>
  );
}
