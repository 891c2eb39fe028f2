import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll } from '../../api/lists.ts';
import type { Resource, Scope } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Empty, QueryView } from '../../ui/states.tsx';
import { ScopeForm, type ScopeInput } from './scope-form.tsx';

/** The resource's permissions: add, edit the description, delete (never for built-ins). */
export function ScopesTab({ resource }: { resource: Resource }) {
  const api = useApi();
  const base = `/resources/${encodeURIComponent(resource.id)}/scopes`;
  const query = useQuery((a) => listAll<Scope>(a, base), [base]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Scope>();
  const [deleting, setDeleting] = useState<Scope>();
  const readOnly = Boolean(resource.isBuiltin);

  const add = async (input: ScopeInput) => {
    await api.send('POST', base, input);
    setAdding(false);
    query.reload();
  };
  const edit = async (input: ScopeInput) => {
    await api.send('PATCH', `${base}/${encodeURIComponent(editing!.id)}`, { description: input.description });
    setEditing(undefined);
    query.reload();
  };
  return (
    <div className="stack">
      <div className="card-header">
        <p className="muted">Permissions (scopes) that roles grant. For Hasura, one permission per Hasura role.</p>
        {!readOnly && (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add permission
          </Button>
        )}
      </div>
      <QueryView query={query}>
        {(scopes) =>
          scopes.length === 0 ? (
            <Empty title="No permissions yet">
              <p>Add one, e.g. read:user.</p>
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Permission</th>
                    <th scope="col">Description</th>
                    {!readOnly && (
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {scopes.map((s) => (
                    <tr key={s.id}>
                      <td className="mono">{s.name}</td>
                      <td>{s.description ?? <span className="muted">—</span>}</td>
                      {!readOnly && (
                        <td className="actions">
                          <Button size="sm" variant="ghost" aria-label={`Edit ${s.name}`} onClick={() => setEditing(s)}>
                            Edit
                          </Button>
                          <Button size="sm" variant="ghost" aria-label={`Delete ${s.name}`} onClick={() => setDeleting(s)}>
                            Delete
                          </Button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <Dialog open={adding} title="Add permission" onClose={() => setAdding(false)}>
        <ScopeForm onSubmit={add} onCancel={() => setAdding(false)} />
      </Dialog>
      <Dialog open={editing !== undefined} title="Edit permission" onClose={() => setEditing(undefined)}>
        {editing && <ScopeForm initial={editing} onSubmit={edit} onCancel={() => setEditing(undefined)} />}
      </Dialog>
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete this permission?"
        confirmLabel="Delete permission"
        onClose={() => setDeleting(undefined)}
        onConfirm={async () => {
          await api.send('DELETE', `${base}/${encodeURIComponent(deleting!.id)}`);
          query.reload();
        }}
      >
        <p>
          Roles that grant <code>{deleting?.name}</code> lose it, and new tokens no longer carry it.
        </p>
      </ConfirmDialog>
    </div>
  );
}
