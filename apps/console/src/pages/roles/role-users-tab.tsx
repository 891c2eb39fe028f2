import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll, listPage } from '../../api/lists.ts';
import type { Role, User } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { HolderTable } from '../../components/holder-table.tsx';
import { MemberPicker } from '../../components/member-picker.tsx';
import { Link } from '../../router/router.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { QueryView } from '../../ui/states.tsx';

export const userLabel = (u: User) => u.username ?? u.primaryEmail ?? u.name ?? u.id;

/** Users holding a (User) role: assign with a searchable picker, remove with confirmation. */
export function RoleUsersTab({ role }: { role: Role }) {
  const api = useApi();
  const base = `/roles/${encodeURIComponent(role.id)}/users`;
  const query = useQuery((a) => listAll<User>(a, base), [base]);
  const [assigning, setAssigning] = useState(false);
  return (
    <div className="stack">
      <div className="card-header">
        <p className="muted">A user's tokens reflect the roles held when each token is issued.</p>
        <Button variant="primary" onClick={() => setAssigning(true)}>
          Assign users
        </Button>
      </div>
      <QueryView query={query}>
        {(users) => (
          <HolderTable
            columns={['User', 'Email', 'Name']}
            empty="No user holds this role yet"
            rows={users.map((u) => ({
              id: u.id,
              name: userLabel(u),
              cells: [<Link to={`/users/${encodeURIComponent(u.id)}`}>{userLabel(u)}</Link>, u.primaryEmail ?? '—', u.name ?? '—'],
            }))}
            removeTitle="Remove this user from the role?"
            removeText={(name) => `${name} loses ${role.name} at the next token refresh.`}
            onRemove={async (id) => {
              await api.send('DELETE', `${base}/${encodeURIComponent(id)}`);
              query.reload();
            }}
          />
        )}
      </QueryView>
      <Dialog open={assigning} title={`Assign users to ${role.name}`} onClose={() => setAssigning(false)}>
        <MemberPicker
          noun="user"
          searchable
          exclude={new Set(query.data?.map((u) => u.id))}
          load={async (a, search) => (await listPage<User>(a, '/users', { search, page_size: 50 })).items.map((u) => ({ id: u.id, label: userLabel(u), detail: u.primaryEmail ?? undefined }))}
          onCancel={() => setAssigning(false)}
          onAssign={async (userIds) => {
            await api.send('POST', base, { userIds });
            setAssigning(false);
            query.reload();
          }}
        />
      </Dialog>
    </div>
  );
}
