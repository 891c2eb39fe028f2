import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { Role } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { navigate } from '../../router/router.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { RoleApplicationsTab } from './role-applications-tab.tsx';
import { RolePermissionsTab } from './role-permissions-tab.tsx';
import { roleTypeLabel } from './roles-page.tsx';
import { RoleUsersTab } from './role-users-tab.tsx';

export function RoleDetailPage({ id }: { id: string }) {
  const api = useApi();
  const query = useQuery((a) => a.get<Role>(`/roles/${encodeURIComponent(id)}`), [id]);
  const [deleting, setDeleting] = useState(false);
  return (
    <QueryView query={query}>
      {(role) => (
        <>
          <PageHeader
            back={{ to: '/roles', label: 'Roles' }}
            title={role.name}
            description={
              <>
                <Badge tone="accent">{roleTypeLabel(role.type)}</Badge> {role.isBuiltin && <Badge>Built-in</Badge>} {role.description}
              </>
            }
            actions={
              !role.isBuiltin && (
                <Button variant="danger" onClick={() => setDeleting(true)}>
                  Delete role
                </Button>
              )
            }
          />
          <Tabs
            label="Role"
            tabs={[
              { id: 'permissions', label: 'Permissions', content: () => <RolePermissionsTab role={role} /> },
              role.type === 'User'
                ? { id: 'users', label: 'Users', content: () => <RoleUsersTab role={role} /> }
                : { id: 'applications', label: 'Applications', content: () => <RoleApplicationsTab role={role} /> },
            ]}
          />
          <ConfirmDialog
            open={deleting}
            title="Delete this role?"
            confirmLabel="Delete role"
            onClose={() => setDeleting(false)}
            onConfirm={async () => {
              await api.send('DELETE', `/roles/${encodeURIComponent(id)}`);
              navigate('/roles');
            }}
          >
            <p>
              Everyone holding <strong>{role.name}</strong> loses it and its permissions at their next token refresh.
            </p>
          </ConfirmDialog>
        </>
      )}
    </QueryView>
  );
}
