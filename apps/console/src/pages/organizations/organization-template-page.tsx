import type { OrganizationRoleWithScopesDto, OrganizationScopeDto } from '@gatehouse/client/dto';
import { useApi } from '../../api/api-context.tsx';
import { listAll } from '../../api/lists.ts';
import { useQuery } from '../../api/use-query.ts';
import { DialogButton } from '../../components/dialog-button.tsx';
import { linkColumn } from '../../components/link-column.tsx';
import { RemovableTable } from '../../components/removable-table.tsx';
import { navigate } from '../../router/router.tsx';
import { entityPath } from '../../router/paths.ts';
import { descriptionColumn } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { SectionIntro } from '../../ui/section-intro.tsx';
import { QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { ScopeForm } from '../resources/scope-form.tsx';
import { RoleForm } from '../roles/role-form.tsx';
import { roleTypeLabel } from '../roles/roles-page.tsx';

function OrganizationRolesTab() {
  const api = useApi();
  const query = useQuery((a) => listAll<OrganizationRoleWithScopesDto>(a, '/organization-roles'), []);
  return (
    <div className="stack">
      <SectionIntro
        action={
          <DialogButton variant="primary" label="Create organization role">
            {(close) => (
              <RoleForm
                onCancel={close}
                onSubmit={async (input) => {
                  const created = await api.send<{ id: string }>('POST', '/organization-roles', input);
                  navigate(entityPath('organization-roles', created.id), { force: true });
                }}
              />
            )}
          </DialogButton>
        }
      >
        Every organization has these roles. A member holds some of them in each organization, and gets their permissions there only.
      </SectionIntro>
      <QueryView query={query}>
        {(roles) => (
          <RemovableTable<OrganizationRoleWithScopesDto>
            columns={[
              linkColumn('Role', 'organization-roles', (r) => r.name),
              { header: 'Type', cell: (r) => roleTypeLabel(r.type) },
              {
                header: 'Permissions',
                cell: (r) =>
                  [...r.scopes.map((s) => s.name), ...r.resourceScopes.map((s) => s.name)].join(', ') || (
                    <span className="muted">None</span>
                  ),
              },
            ]}
            items={roles}
            empty={{ title: 'No organization roles yet', hint: 'e.g. admin, editor, viewer.' }}
            itemName={(r) => r.name}
            remove={{
              verb: 'Delete',
              title: 'Delete this organization role?',
              text: (r) => `Members holding ${r.name} in any organization lose it at their next token refresh.`,
              run: async (r) => {
                await api.send('DELETE', entityPath('organization-roles', r.id));
                query.reload();
              },
            }}
          />
        )}
      </QueryView>
    </div>
  );
}

function OrganizationPermissionsTab() {
  const api = useApi();
  const query = useQuery((a) => listAll<OrganizationScopeDto>(a, '/organization-scopes'), []);
  return (
    <div className="stack">
      <SectionIntro
        action={
          <DialogButton variant="primary" label="Create organization permission">
            {(close) => (
              <ScopeForm
                onCancel={close}
                onSubmit={async (input) => {
                  await api.send('POST', '/organization-scopes', input);
                  close();
                  query.reload();
                }}
              />
            )}
          </DialogButton>
        }
      >
        Permissions inside an organization (e.g. <code>invite:member</code>), carried by organization tokens.
      </SectionIntro>
      <QueryView query={query}>
        {(scopes) => (
          <RemovableTable<OrganizationScopeDto>
            columns={[{ header: 'Permission', className: 'mono', cell: (s) => s.name }, descriptionColumn()]}
            items={scopes}
            empty={{ title: 'No organization permissions yet' }}
            itemName={(s) => s.name}
            remove={{
              verb: 'Delete',
              title: 'Delete this organization permission?',
              text: (s) => `Organization roles stop granting ${s.name}.`,
              run: async (s) => {
                await api.send('DELETE', `/organization-scopes/${encodeURIComponent(s.id)}`);
                query.reload();
              },
            }}
          />
        )}
      </QueryView>
    </div>
  );
}

/** Logto's organization template: the roles and permissions every organization shares. */
export function OrganizationTemplatePage() {
  return (
    <>
      <PageHeader
        back={{ to: '/organizations', label: 'Organizations' }}
        title="Organization template"
        description="The organization roles and permissions shared by every organization."
      />
      <Tabs
        label="Organization template"
        tabs={[
          { id: 'roles', label: 'Organization roles', content: () => <OrganizationRolesTab /> },
          { id: 'permissions', label: 'Organization permissions', content: () => <OrganizationPermissionsTab /> },
        ]}
      />
    </>
  );
}
