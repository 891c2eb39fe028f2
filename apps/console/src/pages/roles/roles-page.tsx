import type { RoleDto } from '@gatehouse/client/dto';
import { linkColumn } from '../../components/link-column.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { Badge } from '../../ui/badge.tsx';
import { descriptionColumn } from '../../ui/data-table.tsx';
import { RoleForm } from './role-form.tsx';

export const roleTypeLabel = (type: RoleDto['type']) => (type === 'User' ? 'User' : 'Machine-to-machine');

export function RolesPage() {
  return (
    <ListPage<RoleDto>
      collection="roles"
      title="Roles"
      description="A role bundles permissions; users and machine apps hold roles. For Hasura, map each role to exactly one permission and one Hasura role."
      createLabel="Create role"
      createForm={(props) => <RoleForm {...props} />}
      columns={[
        linkColumn(
          'Name',
          'roles',
          (r) => r.name,
          (r) => r.isBuiltin && <Badge>Built-in</Badge>,
        ),
        { header: 'Type', cell: (r) => roleTypeLabel(r.type) },
        descriptionColumn(),
      ]}
      empty={{ title: 'No roles yet' }}
    />
  );
}
