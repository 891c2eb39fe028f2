import type { ApplicationDto, RoleDto } from '@gatehouse/client/dto';
import { listAll } from '../../api/lists.ts';
import { AssignmentTab } from '../../components/assignment-tab.tsx';
import { linkColumn } from '../../components/link-column.tsx';
import { MemberPicker } from '../../components/member-picker.tsx';
import { entityPath } from '../../router/paths.ts';
import { CopyValue } from '../../ui/copy-value.tsx';

/** Machine apps holding a machine-to-machine role (client-credentials tokens). */
export function RoleApplicationsTab({ role }: { role: RoleDto }) {
  const base = `${entityPath('roles', role.id)}/applications`;
  return (
    <AssignmentTab<ApplicationDto>
      base={base}
      load={(api) => listAll<ApplicationDto>(api, base)}
      noun="application"
      holder={role.name}
      intro="Machine-to-machine apps get this role's permissions in their client-credentials tokens."
      columns={[
        linkColumn('Application', 'applications', (app) => app.name),
        { header: 'App ID', cell: (app) => <CopyValue value={app.id} label={`App ID of ${app.name}`} /> },
      ]}
      itemName={(app) => app.name}
      empty="No application holds this role yet"
      removeTitle="Remove this application from the role?"
      removeText={(app) => `${app.name} loses ${role.name} for its next tokens.`}
      picker={(p) => (
        <MemberPicker
          noun="application"
          {...p}
          load={async (api) =>
            (await listAll<ApplicationDto>(api, '/applications'))
              .filter((app) => app.type === 'MachineToMachine')
              .map((app) => ({ id: app.id, label: app.name, detail: app.id }))
          }
        />
      )}
    />
  );
}
