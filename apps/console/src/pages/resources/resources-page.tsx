import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listPage } from '../../api/lists.ts';
import type { Resource } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { Link, navigate } from '../../router/router.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { Empty, QueryView } from '../../ui/states.tsx';
import { ResourceForm, type ResourceInput } from './resource-form.tsx';

const PAGE_SIZE = 20;

export function ResourcesPage() {
  const api = useApi();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const query = useQuery((a) => listPage<Resource>(a, '/resources', { page, page_size: PAGE_SIZE }), [page]);
  const create = async (input: ResourceInput) => {
    const created = await api.send<Resource>('POST', '/resources', input);
    navigate(`/resources/${encodeURIComponent(created.id)}`);
  };
  return (
    <>
      <PageHeader
        title="API resources"
        description="The APIs that access tokens are issued for, each with its permissions (scopes). Create one for Hasura: its indicator becomes the tokens' audience."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create API resource
          </Button>
        }
      />
      <QueryView query={query}>
        {({ items, total }) =>
          items.length === 0 ? (
            <Empty title="No API resources yet">
              <p>Create one for each API that accepts Gatehouse tokens.</p>
            </Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">API identifier</th>
                      <th scope="col">Token lifetime</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((r) => (
                      <tr key={r.id}>
                        <td>
                          <Link to={`/resources/${encodeURIComponent(r.id)}`}>{r.name}</Link> {r.isBuiltin && <Badge>Built-in</Badge>}
                        </td>
                        <td className="mono">{r.indicator}</td>
                        <td>{r.accessTokenTtl} s</td>
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
      <Dialog open={creating} title="Create API resource" onClose={() => setCreating(false)}>
        <ResourceForm onSubmit={create} onCancel={() => setCreating(false)} />
      </Dialog>
    </>
  );
}
