import type { OrganizationRoleDto, OrganizationScopeDto, ResourceDto, ScopeDto } from '@gatehouse/client/dto';
import { listAll } from '../../api/lists.ts';
import { useEntity } from '../../api/use-entity.ts';
import { AssignmentTab } from '../../components/assignment-tab.tsx';
import { DeleteButton } from '../../components/delete-button.tsx';
import { FormButton } from '../../components/form-button.tsx';
import { MemberPicker } from '../../components/member-picker.tsx';
import { NameDescriptionForm } from '../../components/name-description-form.tsx';
import { Badge } from '../../ui/badge.tsx';
import { descriptionColumn } from '../../ui/data-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { permissionColumn } from '../resources/scopes-tab.tsx';
import { ScopePicker } from '../roles/scope-picker.tsx';
import { roleTypeLabel } from '../roles/roles-page.tsx';

type GrantedScope = ScopeDto & { resourceName: string };

/** An organization role: the organization permissions and the API permissions it grants inside an organization. */
export function OrganizationRoleDetailPage({ id }: { id: string }) {
  const { path, query } = useEntity<OrganizationRoleDto>('organization-roles', id);
  return (
    <QueryView query={query}>
      {(role) => (
        <>
          <PageHeader
            back={{ to: '/organization-template', label: 'Organization template' }}
            title={role.name}
            description={
              <>
                <Badge tone="accent">{roleTypeLabel(role.type)}</Badge> Organization role. {role.description}
              </>
            }
            actions={
              <>
                <FormButton
                  method="PATCH"
                  label="Edit role"
                  path={path}
                  onSent={query.reload}
                  form={(props) => <NameDescriptionForm label="Edit organization role" nameLabel="Role name" initial={role} {...props} />}
                />
                <DeleteButton label="Delete role" title="Delete this organization role?" path={path} then="/organization-template">
                  <p>
                    Members holding <strong>{role.name}</strong> in any organization lose it at their next token refresh.
                  </p>
                </DeleteButton>
              </>
            }
          />
          <Tabs
            label="Organization role"
            tabs={[
              {
                id: 'organization-permissions',
                label: 'Organization permissions',
                content: () => (
                  <AssignmentTab<OrganizationScopeDto>
                    base={`${path}/scopes`}
                    load={(api) => api.get<OrganizationScopeDto[]>(`${path}/scopes`)}
                    noun="permission"
                    idsKey="organizationScopeIds"
                    holder={role.name}
                    intro="Organization tokens carry the organization permissions the member's roles there grant."
                    columns={[{ header: 'Permission', className: 'mono', cell: (s) => s.name }, descriptionColumn()]}
                    itemName={(s) => s.name}
                    empty="No organization permissions yet"
                    removeTitle="Remove this permission?"
                    removeText={(s) => `Holders of ${role.name} lose ${s.name} at their next token refresh.`}
                    picker={(p) => (
                      <MemberPicker
                        noun="permission"
                        {...p}
                        load={async (api) =>
                          (await listAll<OrganizationScopeDto>(api, '/organization-scopes')).map((s) => ({
                            id: s.id,
                            label: s.name,
                            detail: s.description ?? undefined,
                          }))
                        }
                      />
                    )}
                  />
                ),
              },
              {
                id: 'api-permissions',
                label: 'API permissions',
                content: () => (
                  <AssignmentTab<GrantedScope>
                    base={`${path}/resource-scopes`}
                    load={async (api) => {
                      const [scopes, resources] = await Promise.all([
                        api.get<ScopeDto[]>(`${path}/resource-scopes`),
                        listAll<ResourceDto>(api, '/resources'),
                      ]);
                      const names = new Map(resources.map((r) => [r.id, r.name]));
                      return scopes.map((s) => ({ ...s, resourceName: names.get(s.resourceId) ?? s.resourceId }));
                    }}
                    noun="permission"
                    idsKey="scopeIds"
                    holder={role.name}
                    intro="API tokens asked for with an organization carry these permissions for members holding this role there (and only there)."
                    columns={[permissionColumn, { header: 'API resource', cell: (s) => s.resourceName }, descriptionColumn()]}
                    itemName={(s) => s.name}
                    empty="No API permissions yet"
                    removeTitle="Remove this permission?"
                    removeText={(s) => `Holders of ${role.name} lose ${s.name} in their organizations at their next token refresh.`}
                    picker={(p) => <ScopePicker {...p} />}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </QueryView>
  );
}
