import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll } from '../../api/lists.ts';
import type { Resource, Role, Scope } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Empty, QueryView } from '../../ui/states.tsx';
import { ScopePicker } from './scope-picker.tsx';

/** The permissions a role grants, across API resources; assign (resource, then scopes) and remove. */
export function RolePermissionsTab({ role }: { role: Role }) {
  const api = useApi();
  const base = `/roles/${encodeURIComponent(role.id)}/scopes`;
  const query = useQuery(async (a) => {
    const [scopes, resources] = await Promise.all([a.get<Scope[]>(base), listAll<Resource>(a, '/resources')]);
    return { scopes, resources: new Map(resources.map((r) => [r.id, r])) };
  }, [base]);
  const [assigning, setAssigning] = useState(false);
  const [removing, setRemoving] = useState<Scope>();
  const readOnly = Boolean(role.isBuiltin);
  return (
    <div className="stack">
      <div className="card-header">
        <p className="muted">Tokens for an API carry the permissions of that API that the holder's roles grant.</p>
        {!readOnly && (
          <Button variant="primary" onClick={() => setAssigning(true)}>
            Assign permissions
          </Button>
        )}
      </div>
      <QueryView query={query}>
        {({ scopes, resources }) =>
          scopes.length === 0 ? (
            <Empty title="No permissions yet" />
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Permission</th>
                    <th scope="col">API resource</th>
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
                      <td>{resources.get(s.resourceId)?.name ?? s.resourceId}</td>
                      <td>{s.description ?? <span className="muted">—</span>}</td>
                      {!readOnly && (
                        <td className="actions">
                          <Button size="sm" variant="ghost" aria-label={`Remove ${s.name}`} onClick={() => setRemoving(s)}>
                            Remove
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
      <Dialog open={assigning} title="Assign permissions" onClose={() => setAssigning(false)}>
        <ScopePicker
          exclude={new Set(query.data?.scopes.map((s) => s.id))}
          onCancel={() => setAssigning(false)}
          onAssign={async (scopeIds) => {
            await api.send('POST', base, { scopeIds });
            setAssigning(false);
            query.reload();
          }}
        />
      </Dialog>
      <ConfirmDialog
        open={removing !== undefined}
        title="Remove this permission?"
        confirmLabel="Remove permission"
        onClose={() => setRemoving(undefined)}
        onConfirm={async () => {
          await api.send('DELETE', `${base}/${encodeURIComponent(removing!.id)}`);
          query.reload();
        }}
      >
        <p>
          Holders of <strong>{role.name}</strong> lose <code>{removing?.name}</code> at their next token refresh.
        </p>
      </ConfirmDialog>
    </div>
  );
}
