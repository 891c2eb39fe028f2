import type { RoleDto } from '@gatehouse/client/dto';
import { useEntity } from '../../api/use-entity.ts';
import { DeleteButton } from '../../components/delete-button.tsx';
import { FormButton } from '../../components/form-button.tsx';
import { NameDescriptionForm } from '../../components/name-description-form.tsx';
import { Badge } from '../../ui/badge.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { RoleApplicationsTab } from './role-applications-tab.tsx';
import { RolePermissionsTab } from './role-permissions-tab.tsx';
import { roleTypeLabel } from './roles-page.tsx';
import { RoleUsersTab } from './role-users-tab.tsx';

export function RoleDetailPage({ id }: { id: string }) {
  const { path, query } = useEntity<RoleDto>('roles', id);
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
                <>
                  <FormButton
                    method="PATCH"
                    label="Edit role"
                    path={path}
                    onSent={query.reload}
                    form={(props) => (
                      <NameDescriptionForm
                        label="Edit role"
                        nameLabel="Role name"
                        nameHint="New tokens carry the new name; for Hasura, rename the Hasura role too."
                        initial={role}
                        {...props}
                      />
                    )}
                  />
                  <DeleteButton label="Delete role" title="Delete this role?" path={path} then="/roles">
                    <p>
                      Everyone holding <strong>{role.name}</strong> loses it and its permissions at their next token refresh.
                    </p>
                  </DeleteButton>
                </>
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
        </>
      )}
    </QueryView>
  );
}
