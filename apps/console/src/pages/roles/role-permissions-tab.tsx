import type { ResourceDto, RoleDto, ScopeDto } from '@gatehouse/client/dto';
import { listAll } from '../../api/lists.ts';
import { AssignmentTab } from '../../components/assignment-tab.tsx';
import { entityPath } from '../../router/paths.ts';
import { descriptionColumn } from '../../ui/data-table.tsx';
import { permissionColumn } from '../resources/scopes-tab.tsx';
import { ScopePicker } from './scope-picker.tsx';

type GrantedScope = ScopeDto & { resourceName: string };

/** The permissions a role grants, across API resources; assign (resource, then scopes) and remove. */
export function RolePermissionsTab({ role }: { role: RoleDto }) {
  const base = `${entityPath('roles', role.id)}/scopes`;
  return (
    <AssignmentTab<GrantedScope>
      base={base}
      load={async (api) => {
        const [scopes, resources] = await Promise.all([api.get<ScopeDto[]>(base), listAll<ResourceDto>(api, '/resources')]);
        const names = new Map(resources.map((r) => [r.id, r.name]));
        return scopes.map((s) => ({ ...s, resourceName: names.get(s.resourceId) ?? s.resourceId }));
      }}
      noun="permission"
      idsKey="scopeIds"
      holder={role.name}
      intro="Tokens for an API carry the permissions of that API that the holder's roles grant."
      columns={[permissionColumn, { header: 'API resource', cell: (s) => s.resourceName }, descriptionColumn()]}
      itemName={(s) => s.name}
      empty="No permissions yet"
      removeTitle="Remove this permission?"
      removeConfirmLabel="Remove permission"
      removeText={(s) => (
        <>
          Holders of <strong>{role.name}</strong> lose <code>{s.name}</code> at their next token refresh.
        </>
      )}
      picker={(p) => <ScopePicker {...p} />}
      readOnly={Boolean(role.isBuiltin)}
    />
  );
}
