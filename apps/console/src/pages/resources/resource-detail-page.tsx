import type { ResourceDto } from '@gatehouse/client/dto';
import { useEntity } from '../../api/use-entity.ts';
import { DeleteButton } from '../../components/delete-button.tsx';
import { Badge } from '../../ui/badge.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { ResourceSettings } from './resource-settings.tsx';
import { ScopesTab } from './scopes-tab.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';

export function ResourceDetailPage({ id }: { id: string }) {
  const { path, query } = useEntity<ResourceDto>('resources', id);
  return (
    <QueryView query={query}>
      {(resource) => (
        <>
          <PageHeader
            back={{ to: '/resources', label: 'API resources' }}
            title={resource.name}
            description={
              <>
                <CopyValue value={resource.indicator} label="API identifier" /> {resource.isBuiltin && <Badge>Built-in, read-only</Badge>}
              </>
            }
            actions={
              !resource.isBuiltin && (
                <DeleteButton label="Delete API resource" title="Delete this API resource?" path={path} then="/resources">
                  <p>
                    <strong>{resource.name}</strong> and all its permissions will be deleted; roles lose those permissions and new tokens
                    for <code>{resource.indicator}</code> can no longer be issued.
                  </p>
                </DeleteButton>
              )
            }
          />
          <Tabs
            keepMounted
            label="API resource"
            tabs={[
              { id: 'permissions', label: 'Permissions', content: () => <ScopesTab resource={resource} /> },
              { id: 'settings', label: 'Settings', content: () => <ResourceSettings resource={resource} onSaved={query.reload} /> },
            ]}
          />
        </>
      )}
    </QueryView>
  );
}
