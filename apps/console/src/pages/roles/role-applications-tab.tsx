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

/** Machine apps holding a machine-to-machine role (client-credentials tokens). */
export function RoleApplicationsTab({ role }: { role: Role }) {
  const api = useApi();
  const base = `/roles/${encodeURIComponent(role.id)}/applications`;
  const query = useQuery((a) => listAll<Application>(a, base), [base]);
  const [assigning, setAssigning] = useState(false);
  return (
    <div className="stack">
      <div className="card-header">
        <p className="muted">Machine-to-machine apps get this role's permissions in their client-credentials tokens.</p>
        <Button variant="primary" onClick={() => setAssigning(true)}>
          Assign applications
        </Button>
      </div>
      <QueryView query={query}>
        {(apps) => (
          <HolderTable
            columns={['Application', 'App ID']}
            empty="No application holds this role yet"
            rows={apps.map((app) => ({
              id: app.id,
              name: app.name,
              cells: [<Link to={`/applications/${encodeURIComponent(app.id)}`}>{app.name}</Link>, <code>{app.id}</code>],
            }))}
            removeTitle="Remove this application from the role?"
            removeText={(name) => `${name} loses ${role.name} for its next tokens.`}
            onRemove={async (id) => {
              await api.send('DELETE', `${base}/${encodeURIComponent(id)}`);
              query.reload();
            }}
          />
        )}
      </QueryView>
      <Dialog open={assigning} title={`Assign applications to ${role.name}`} onClose={() => setAssigning(false)}>
        <MemberPicker
          noun="application"
          exclude={new Set(query.data?.map((a) => a.id))}
          load={async (a) =>
            (await listAll<Application>(a, '/applications'))
              .filter((app) => app.type === 'MachineToMachine')
              .map((app) => ({ id: app.id, label: app.name, detail: app.id }))
          }
          onCancel={() => setAssigning(false)}
          onAssign={async (applicationIds) => {
            await api.send('POST', base, { applicationIds });
            setAssigning(false);
            query.reload();
          }}
        />
      </Dialog>
    </div>
  );
}
