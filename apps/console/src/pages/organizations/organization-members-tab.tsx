import type { OrganizationDto, OrganizationUserDto, UserDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll, listPage } from '../../api/lists.ts';
import { useQuery } from '../../api/use-query.ts';
import { FormButton } from '../../components/form-button.tsx';
import { linkColumn } from '../../components/link-column.tsx';
import { MemberPicker } from '../../components/member-picker.tsx';
import { RemovableTable } from '../../components/removable-table.tsx';
import { entityPath } from '../../router/paths.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { orDash } from '../../ui/data-table.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { SectionIntro } from '../../ui/section-intro.tsx';
import { QueryView } from '../../ui/states.tsx';
import { userLabel } from '../users/user-label.ts';
import { MemberRolesForm } from './org-role-checklist.tsx';

/** The organization's user members with their roles there: add, change roles, remove. */
export function OrganizationMembersTab({ org }: { org: OrganizationDto }) {
  const api = useApi();
  const base = `${entityPath('organizations', org.id)}/users`;
  const query = useQuery((a) => listAll<OrganizationUserDto>(a, base), [base]);
  const [editing, setEditing] = useState<OrganizationUserDto>();
  const rolesPath = (userId: string) => `${base}/${encodeURIComponent(userId)}/roles`;
  return (
    <div className="stack">
      <SectionIntro
        action={
          <FormButton<string[]>
            variant="primary"
            label="Add members"
            title={`Add members to ${org.name}`}
            method="POST"
            path={base}
            body={(userIds) => ({ userIds })}
            onSent={query.reload}
            form={({ onSubmit, onCancel }) => (
              <MemberPicker
                noun="user"
                searchable
                exclude={new Set(query.data?.map((m) => m.id))}
                onAssign={onSubmit}
                onCancel={onCancel}
                load={async (a, search) =>
                  (await listPage<UserDto>(a, '/users', { search, page_size: 50 })).items.map((u) => ({
                    id: u.id,
                    label: userLabel(u),
                    detail: u.primaryEmail ?? undefined,
                  }))
                }
              />
            )}
          />
        }
      >
        Members can get tokens for this organization; their organization roles decide its permissions and the API scopes they hold in it.
      </SectionIntro>
      <QueryView query={query}>
        {(members) => (
          <RemovableTable<OrganizationUserDto>
            columns={[
              linkColumn('User', 'users', userLabel),
              { header: 'Email', cell: (u) => orDash(u.primaryEmail) },
              {
                header: 'Organization roles',
                cell: (u) =>
                  u.organizationRoles.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <span className="row">
                      {u.organizationRoles.map((r) => (
                        <Badge key={r.id} tone="accent">
                          {r.name}
                        </Badge>
                      ))}
                    </span>
                  ),
              },
            ]}
            items={members}
            empty={{ title: 'No members yet', hint: 'Add users, or invite them by email.' }}
            itemName={userLabel}
            actions={(u) => (
              <Button size="sm" variant="ghost" aria-label={`Edit roles of ${userLabel(u)}`} onClick={() => setEditing(u)}>
                Edit roles
              </Button>
            )}
            remove={{
              title: 'Remove this member?',
              text: (u) =>
                `${userLabel(u)} leaves ${org.name} and loses its roles; their organization tokens are refused at the next refresh.`,
              run: async (u) => {
                await api.send('DELETE', `${base}/${encodeURIComponent(u.id)}`);
                query.reload();
              },
            }}
          />
        )}
      </QueryView>
      <Dialog
        open={editing !== undefined}
        title={`Organization roles of ${editing ? userLabel(editing) : ''}`}
        onClose={() => setEditing(undefined)}
      >
        {editing && (
          <MemberRolesForm
            type="User"
            initial={editing.organizationRoles.map((r) => r.id)}
            onCancel={() => setEditing(undefined)}
            onSubmit={async (organizationRoleIds) => {
              await api.send('PUT', rolesPath(editing.id), { organizationRoleIds });
              setEditing(undefined);
              query.reload();
            }}
          />
        )}
      </Dialog>
    </div>
  );
}
