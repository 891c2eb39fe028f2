import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll } from '../../api/lists.ts';
import type { Application, Role } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { HolderTable } from '../../components/holder-table.tsx';
import { MemberPicker } from '../../components/member-picker.tsx';
import { Link } from '../../router/router.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { QueryView } from '../../ui/states.tsx';

/** A machine app's machine-to-machine roles. */
export function ApplicationRolesTab({ app }: { app: Application }) {
  const api = useApi();
  const base = `/applications/${encodeURIComponent(app.id)}/roles`;
  const query = useQuery((a) => a.get<Role[]>(base), [base]);
  const [assigning, setAssigning] = useState(false);
  return (
    <div className="stack">
      <div className="card-header">
        <p className="muted">Client-credentials tokens carry the permissions these roles grant.</p>
        <Button variant="primary" onClick={() => setAssigning(true)}>
          Assign roles
        </Button>
      </div>
      <QueryView query={query}>
        {(roles) => (
          <HolderTable
            columns={['Role', 'Description']}
            empty="This application holds no roles yet"
            rows={roles.map((r) => ({ id: r.id, name: r.name, cells: [<Link to={`/roles/${encodeURIComponent(r.id)}`}>{r.name}</Link>, r.description ?? '—'] }))}
            removeTitle="Remove this role?"
            removeText={(name) => `${app.name} loses ${name} for its next tokens.`}
            onRemove={async (roleId) => {
              await api.send('DELETE', `${base}/${encodeURIComponent(roleId)}`);
              query.reload();
            }}
          />
        )}
      </QueryView>
      <Dialog open={assigning} title={`Assign roles to ${app.name}`} onClose={() => setAssigning(false)}>
        <MemberPicker
          noun="role"
          exclude={new Set(query.data?.map((r) => r.id))}
          load={async (a) =>
            (await listAll<Role>(a, '/roles', { type: 'MachineToMachine' })).map((r) => ({ id: r.id, label: r.name, detail: r.description ?? undefined }))
          }
          onCancel={() => setAssigning(false)}
          onAssign={async (roleIds) => {
            await api.send('POST', base, { roleIds });
            setAssigning(false);
            query.reload();
          }}
        />
      </Dialog>
    </div>
  );
}
