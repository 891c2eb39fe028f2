import type { RoleDto, UserDto } from '@gatehouse/client/dto';
import { listAll, listPage } from '../../api/lists.ts';
import { AssignmentTab } from '../../components/assignment-tab.tsx';
import { linkColumn } from '../../components/link-column.tsx';
import { MemberPicker } from '../../components/member-picker.tsx';
import { entityPath } from '../../router/paths.ts';
import { orDash } from '../../ui/data-table.tsx';
import { userLabel } from '../users/user-label.ts';

/** Users holding a (User) role: assign with a searchable picker, remove with confirmation. */
export function RoleUsersTab({ role }: { role: RoleDto }) {
  const base = `${entityPath('roles', role.id)}/users`;
  return (
    <AssignmentTab<UserDto>
      base={base}
      load={(api) => listAll<UserDto>(api, base)}
      noun="user"
      holder={role.name}
      intro="A user's tokens reflect the roles held when each token is issued."
      columns={[
        linkColumn('User', 'users', userLabel),
        { header: 'Email', cell: (u) => orDash(u.primaryEmail) },
        { header: 'Name', cell: (u) => orDash(u.name) },
      ]}
      itemName={userLabel}
      empty="No user holds this role yet"
      removeTitle="Remove this user from the role?"
      removeText={(u) => `${userLabel(u)} loses ${role.name} at the next token refresh.`}
      picker={(p) => (
        <MemberPicker
          noun="user"
          searchable
          {...p}
          load={async (api, search) =>
            (await listPage<UserDto>(api, '/users', { search, page_size: 50 })).items.map((u) => ({
              id: u.id,
              label: userLabel(u),
              detail: u.primaryEmail ?? undefined,
            }))
          }
        />
      )}
    />
  );
}
