import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { Application } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { navigate } from '../../router/router.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { Tabs, type Tab } from '../../ui/tabs.tsx';
import { ApplicationRolesTab } from './application-roles-tab.tsx';
import { typeLabel } from './applications-page.tsx';
import { SdkSnippet } from './sdk-snippet.tsx';
import { SecretPanel } from './secret-panel.tsx';
import { takeFlashedSecret } from './secret-flash.ts';
import { UriListEditor } from './uri-list-editor.tsx';

export function ApplicationDetailPage({ id }: { id: string }) {
  const api = useApi();
  const path = `/applications/${encodeURIComponent(id)}`;
  const query = useQuery((a) => a.get<Application>(path), [path]);
  const [createdSecret] = useState(() => takeFlashedSecret(id));
  const [deleting, setDeleting] = useState(false);
  const saveUris = (key: 'redirectUris' | 'postLogoutRedirectUris') => async (uris: string[]) => {
    const app = query.data!;
    await api.send('PATCH', path, { oidcClientMetadata: { ...app.oidcClientMetadata, [key]: uris } });
    query.reload();
  };
  return (
    <QueryView query={query}>
      {(app) => {
        const machine = app.type === 'MachineToMachine';
        const confidential = machine || app.type === 'Traditional';
        const tabs: Tab[] = [{ id: 'sdk', label: 'Integration', content: () => <SdkSnippet app={app} /> }];
        if (!machine) {
          tabs.push({
            id: 'uris',
            label: 'Redirect URIs',
            content: () =>
              app.isBuiltin ? (
                <p className="muted">The console's redirect URIs follow the server's ENDPOINT and cannot be edited.</p>
              ) : (
                <div className="card">
                  <UriListEditor label="Redirect URIs" uris={app.oidcClientMetadata.redirectUris} onSave={saveUris('redirectUris')} />
                  <UriListEditor label="Post sign-out redirect URIs" uris={app.oidcClientMetadata.postLogoutRedirectUris} onSave={saveUris('postLogoutRedirectUris')} />
                </div>
              ),
          });
        }
        if (confidential) tabs.push({ id: 'secret', label: 'App secret', content: () => <SecretPanel app={app} initialSecret={createdSecret} /> });
        if (machine) tabs.push({ id: 'roles', label: 'Roles', content: () => <ApplicationRolesTab app={app} /> });
        return (
          <>
            <PageHeader
              back={{ to: '/applications', label: 'Applications' }}
              title={app.name}
              description={
                <>
                  <Badge tone="accent">{typeLabel(app.type)}</Badge> {app.isBuiltin && <Badge>Built-in</Badge>} App ID <code>{app.id}</code>
                </>
              }
              actions={
                !app.isBuiltin && (
                  <Button variant="danger" onClick={() => setDeleting(true)}>
                    Delete application
                  </Button>
                )
              }
            />
            <Tabs label="Application" tabs={tabs} initial={createdSecret ? 'secret' : undefined} />
            <ConfirmDialog
              open={deleting}
              title="Delete this application?"
              confirmLabel="Delete application"
              onClose={() => setDeleting(false)}
              onConfirm={async () => {
                await api.send('DELETE', path);
                navigate('/applications');
              }}
            >
              <p>
                <strong>{app.name}</strong> can no longer sign users in or get tokens.
              </p>
            </ConfirmDialog>
          </>
        );
      }}
    </QueryView>
  );
}
