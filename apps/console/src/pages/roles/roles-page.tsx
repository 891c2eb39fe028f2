import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listPage } from '../../api/lists.ts';
import type { Role } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { Link, navigate } from '../../router/router.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { Empty, QueryView } from '../../ui/states.tsx';
import { RoleForm, type RoleInput } from './role-form.tsx';

const PAGE_SIZE = 20;

export const roleTypeLabel = (type: Role['type']) => (type === 'User' ? 'User' : 'Machine-to-machine');

export function RolesPage() {
  const api = useApi();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const query = useQuery((a) => listPage<Role>(a, '/roles', { page, page_size: PAGE_SIZE }), [page]);
  const create = async (input: RoleInput) => {
    const role = await api.send<Role>('POST', '/roles', input);
    navigate(`/roles/${encodeURIComponent(role.id)}`);
  };
  return (
    <>
      <PageHeader
        title="Roles"
        description="A role bundles permissions; users and machine apps hold roles. For Hasura, map each role to exactly one permission and one Hasura role."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create role
          </Button>
        }
      />
      <QueryView query={query}>
        {({ items, total }) =>
          items.length === 0 ? (
            <Empty title="No roles yet" />
          ) : (
            <>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Type</th>
                      <th scope="col">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((r) => (
                      <tr key={r.id}>
                        <td>
                          <Link to={`/roles/${encodeURIComponent(r.id)}`}>{r.name}</Link> {r.isBuiltin && <Badge>Built-in</Badge>}
                        </td>
                        <td>{roleTypeLabel(r.type)}</td>
                        <td>{r.description ?? <span className="muted">—</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={page} pageSize={PAGE_SIZE} total={total} onPage={setPage} />
            </>
          )
        }
      </QueryView>
      <Dialog open={creating} title="Create role" onClose={() => setCreating(false)}>
        <RoleForm onSubmit={create} onCancel={() => setCreating(false)} />
      </Dialog>
    </>
  );
}
