import { useDeferredValue, useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listPage } from '../../api/lists.ts';
import type { User } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { Link, navigate } from '../../router/router.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/field.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { Empty, QueryView } from '../../ui/states.tsx';
import { userLabel } from '../roles/role-users-tab.tsx';
import { UserForm, type UserInput } from './user-form.tsx';

const PAGE_SIZE = 20;

export const formatTime = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString() : '—');

export function UsersPage() {
  const api = useApi();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const [creating, setCreating] = useState(false);
  const query = useQuery((a) => listPage<User>(a, '/users', { page, page_size: PAGE_SIZE, search: deferred }), [page, deferred]);
  const create = async (input: UserInput) => {
    const user = await api.send<User>('POST', '/users', input);
    navigate(`/users/${encodeURIComponent(user.id)}`);
  };
  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to your apps. Their roles decide what their access tokens allow."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create user
          </Button>
        }
      />
      <div className="stack">
        <TextField label="Search users" type="search" placeholder="Username, email, name or id" value={search} onChange={(v) => (setSearch(v), setPage(1))} />
        <QueryView query={query}>
          {({ items, total }) =>
            items.length === 0 ? (
              <Empty title={deferred ? 'No user matches this search' : 'No users yet'} />
            ) : (
              <div>
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">User</th>
                        <th scope="col">Email</th>
                        <th scope="col">Name</th>
                        <th scope="col">Last sign-in</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((u) => (
                        <tr key={u.id}>
                          <td>
                            <Link to={`/users/${encodeURIComponent(u.id)}`}>{userLabel(u)}</Link> {u.isSuspended && <Badge tone="danger">Suspended</Badge>}
                          </td>
                          <td>{u.primaryEmail ?? '—'}</td>
                          <td>{u.name ?? '—'}</td>
                          <td>{formatTime(u.lastSignInAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
              </div>
            )
          }
        </QueryView>
      </div>
      <Dialog open={creating} title="Create user" onClose={() => setCreating(false)}>
        <UserForm onSubmit={create} onCancel={() => setCreating(false)} />
      </Dialog>
    </>
  );
}
