import type { OrganizationDto, OrganizationJitEmailDomainDto, OrganizationRoleDto } from '@gatehouse/client/dto';
import { useApi } from '../../api/api-context.tsx';
import { listAll } from '../../api/lists.ts';
import { useQuery } from '../../api/use-query.ts';
import { AssignmentTab } from '../../components/assignment-tab.tsx';
import { MemberPicker } from '../../components/member-picker.tsx';
import { RemovableTable } from '../../components/removable-table.tsx';
import { entityPath } from '../../router/paths.ts';
import { descriptionColumn } from '../../ui/data-table.tsx';
import { TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { QueryView } from '../../ui/states.tsx';
import { useForm } from '../../ui/use-form.ts';
import { required } from '../../validation/rules.ts';

const domain = (v: string) => (/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(v.trim()) ? undefined : 'must be a domain, e.g. example.com');

/** Just-in-time membership: users with a verified email in these domains join with these roles. */
export function OrganizationJitTab({ org }: { org: OrganizationDto }) {
  const api = useApi();
  const base = `${entityPath('organizations', org.id)}/jit`;
  const domains = useQuery((a) => a.get<OrganizationJitEmailDomainDto[]>(`${base}/email-domains`), [base]);
  const form = useForm(
    { emailDomain: '' },
    { emailDomain: [required, domain] },
    async (v) => {
      await api.send('POST', `${base}/email-domains`, { emailDomain: v.emailDomain.trim().toLowerCase() });
      form.setValues({ emailDomain: '' });
      domains.reload();
    },
    { guard: false },
  );
  return (
    <div className="stack">
      <section className="card stack-sm" aria-labelledby="jit-domains">
        <h2 id="jit-domains">Email domains</h2>
        <p className="muted">A new user whose email in one of these domains is verified joins {org.name} automatically.</p>
        <QueryView query={domains}>
          {(list) => (
            <RemovableTable<OrganizationJitEmailDomainDto & { id: string }>
              columns={[{ header: 'Domain', cell: (d) => d.emailDomain }]}
              items={list.map((d) => ({ ...d, id: d.emailDomain }))}
              empty={{ title: 'No email domains' }}
              itemName={(d) => d.emailDomain}
              remove={{
                title: 'Remove this email domain?',
                text: (d) => `New users from ${d.emailDomain} no longer join automatically; current members stay.`,
                run: async (d) => {
                  await api.send('DELETE', `${base}/email-domains/${encodeURIComponent(d.emailDomain)}`);
                  domains.reload();
                },
              }}
            />
          )}
        </QueryView>
        <FormFrame form={form} label="Add an email domain" className="row">
          <TextField label="Email domain" placeholder="e.g. example.com" {...form.field('emailDomain')} />
          <FormActions form={form} submitLabel="Add domain" align="start" />
        </FormFrame>
      </section>
      <section className="card stack-sm" aria-labelledby="jit-roles">
        <h2 id="jit-roles">Default roles</h2>
        <AssignmentTab<OrganizationRoleDto>
          base={`${base}/roles`}
          load={(a) => a.get<OrganizationRoleDto[]>(`${base}/roles`)}
          noun="organization role"
          idsKey="organizationRoleIds"
          holder={`${org.name} (just-in-time)`}
          intro="The roles a just-in-time member gets on joining."
          columns={[{ header: 'Role', cell: (r) => r.name }, descriptionColumn()]}
          itemName={(r) => r.name}
          empty="No default roles"
          removeTitle="Remove this default role?"
          removeText={(r) => `New just-in-time members no longer get ${r.name}.`}
          picker={(p) => (
            <MemberPicker
              noun="organization role"
              {...p}
              load={async (a) =>
                (await listAll<OrganizationRoleDto>(a, '/organization-roles', { type: 'User' })).map((r) => ({
                  id: r.id,
                  label: r.name,
                  detail: r.description ?? undefined,
                }))
              }
            />
          )}
        />
      </section>
    </div>
  );
}
