import type { RoleDto, RoleType } from '@gatehouse/client/dto';
import type { ReactNode } from 'react';
import { listAll } from '../api/lists.ts';
import { descriptionColumn } from '../ui/data-table.tsx';
import { AssignmentTab } from './assignment-tab.tsx';
import { linkColumn } from './link-column.tsx';
import { MemberPicker } from './member-picker.tsx';

/**
 * The roles a user or a machine app holds (`holderPath` is `/users/:id` or `/applications/:id`):
 * assign roles of `roleType`, remove with confirmation.
 */
export function HolderRolesTab({
  holderPath,
  holder,
  roleType,
  intro,
  empty,
  removeText,
}: {
  holderPath: string;
  holder: string;
  roleType: RoleType;
  intro: ReactNode;
  empty: string;
  removeText: (role: RoleDto) => ReactNode;
}) {
  const base = `${holderPath}/roles`;
  return (
    <AssignmentTab<RoleDto>
      base={base}
      load={(api) => api.get<RoleDto[]>(base)}
      noun="role"
      holder={holder}
      intro={intro}
      columns={[linkColumn('Role', 'roles', (r) => r.name), descriptionColumn()]}
      itemName={(r) => r.name}
      empty={empty}
      removeTitle="Remove this role?"
      removeText={removeText}
      picker={(p) => (
        <MemberPicker
          noun="role"
          {...p}
          load={async (api) =>
            (await listAll<RoleDto>(api, '/roles', { type: roleType })).map((r) => ({
              id: r.id,
              label: r.name,
              detail: r.description ?? undefined,
            }))
          }
        />
      )}
    />
  );
}
