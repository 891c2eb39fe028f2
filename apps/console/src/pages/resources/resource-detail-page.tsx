import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { Resource } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { navigate } from '../../router/router.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { ResourceSettings } from './resource-settings.tsx';
import { ScopesTab } from './scopes-tab.tsx';

export function ResourceDetailPage({ id }: { id: string }) {
  const api = useApi();
  const query = useQuery((a) => a.get<Resource>(`/resources/${encodeURIComponent(id)}`), [id]);
  const [deleting, setDeleting] = useState(false);
  return (
    <QueryView query={query}>
      {(resource) => (
        <>
          <PageHeader
            back={{ to: '/resources', label: 'API resources' }}
            title={resource.name}
            description={
              <>
                <code>{resource.indicator}</code> {resource.isBuiltin && <Badge>Built-in, read-only</Badge>}
              </>
            }
            actions={
              !resource.isBuiltin && (
                <Button variant="danger" onClick={() => setDeleting(true)}>
                  Delete API resource
                </Button>
              )
            }
          />
          <Tabs
            label="API resource"
            tabs={[
              { id: 'permissions', label: 'Permissions', content: () => <ScopesTab resource={resource} /> },
              { id: 'settings', label: 'Settings', content: () => <ResourceSettings resource={resource} onSaved={query.reload} /> },
            ]}
          />
          <ConfirmDialog
            open={deleting}
            title="Delete this API resource?"
            confirmLabel="Delete API resource"
            onClose={() => setDeleting(false)}
            onConfirm={async () => {
              await api.send('DELETE', `/resources/${encodeURIComponent(id)}`);
              navigate('/resources');
            }}
          >
            <p>
              <strong>{resource.name}</strong> and all its permissions will be deleted; roles lose those permissions and new tokens
              for <code>{resource.indicator}</code> can no longer be issued.
            </p>
          </ConfirmDialog>
        </>
      )}
    </QueryView>
  );
}
