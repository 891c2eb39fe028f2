import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listPage } from '../../api/lists.ts';
import type { Application } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { Link, navigate } from '../../router/router.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { Empty, QueryView } from '../../ui/states.tsx';
import { ApplicationForm, applicationTypes, type ApplicationInput } from './application-form.tsx';
import { flashSecret } from './secret-flash.ts';

const PAGE_SIZE = 20;

export const typeLabel = (type: Application['type']) => applicationTypes.find((t) => t.value === type)?.label ?? type;

export function ApplicationsPage() {
  const api = useApi();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const query = useQuery((a) => listPage<Application>(a, '/applications', { page, page_size: PAGE_SIZE }), [page]);
  const create = async (input: ApplicationInput) => {
    const app = await api.send<Application>('POST', '/applications', input);
    // The secret is in this response only: hand it to the detail page in memory.
    if (app.secret) flashSecret(app.id, app.secret);
    navigate(`/applications/${encodeURIComponent(app.id)}`);
  };
  return (
    <>
      <PageHeader
        title="Applications"
        description="Apps that sign users in (single-page, web, native) and machine-to-machine clients."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create application
          </Button>
        }
      />
      <QueryView query={query}>
        {({ items, total }) =>
          items.length === 0 ? (
            <Empty title="No applications yet" />
          ) : (
            <>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Type</th>
                      <th scope="col">App ID</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((app) => (
                      <tr key={app.id}>
                        <td>
                          <Link to={`/applications/${encodeURIComponent(app.id)}`}>{app.name}</Link> {app.isBuiltin && <Badge>Built-in</Badge>}
                        </td>
                        <td>{typeLabel(app.type)}</td>
                        <td className="mono">{app.id}</td>
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
      <Dialog open={creating} title="Create application" onClose={() => setCreating(false)}>
        <ApplicationForm onSubmit={create} onCancel={() => setCreating(false)} />
      </Dialog>
    </>
  );
}
