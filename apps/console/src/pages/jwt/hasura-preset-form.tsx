import type { ResourceDto } from '@gatehouse/client/dto';
import { listAll } from '../../api/lists.ts';
import type { HasuraClaimsFormat } from '@gatehouse/client/dto';
import { useQuery } from '../../api/use-query.ts';
import { SelectField, TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { Empty, QueryView } from '../../ui/states.tsx';
import { useForm } from '../../ui/use-form.ts';
import { chosen, claimsNamespace, claimsNamespacePath, required, type Rule } from '../../validation/rules.ts';

export interface HasuraPresetInput {
  resource: string;
  format?: HasuraClaimsFormat;
  environmentVariables?: { USER_DEFAULT_ROLE_NAMES?: string; HASURA_UNAUTHORIZED_ROLE?: string };
}

const formats = [
  { value: 'json', label: 'JSON object (Hasura default)' },
  { value: 'stringified_json', label: 'Stringified JSON' },
  { value: 'namespace', label: 'Custom claims namespace' },
  { value: 'namespacePath', label: 'Custom claims namespace path' },
];

// The value is sent trimmed, so it is checked trimmed.
const formatValue: Rule = (v, values) => {
  if (values.format === 'namespace') return claimsNamespace(v.trim(), values);
  if (values.format === 'namespacePath') return required(v, values) ?? claimsNamespacePath(v.trim(), values);
  return undefined;
};

/** The Hasura preset: which API, how Hasura expects the claims, and the default role. */
export function HasuraPresetForm({ onSubmit, onCancel }: { onSubmit: (input: HasuraPresetInput) => Promise<void>; onCancel: () => void }) {
  const resources = useQuery((api) => listAll<ResourceDto>(api, '/resources'), []);
  const form = useForm(
    { resource: '', format: 'json', namespace: '', defaultRoles: '', unauthorizedRole: '' },
    { resource: [chosen('an API resource')], namespace: [formatValue] },
    (v) => {
      const format: HasuraClaimsFormat =
        v.format === 'namespace'
          ? { namespace: v.namespace.trim() }
          : v.format === 'namespacePath'
            ? { namespacePath: v.namespace.trim() }
            : (v.format as 'json' | 'stringified_json');
      const env: NonNullable<HasuraPresetInput['environmentVariables']> = {};
      if (v.defaultRoles.trim()) env.USER_DEFAULT_ROLE_NAMES = v.defaultRoles.trim();
      if (v.unauthorizedRole.trim()) env.HASURA_UNAUTHORIZED_ROLE = v.unauthorizedRole.trim();
      return onSubmit({ resource: v.resource, format, ...(Object.keys(env).length ? { environmentVariables: env } : {}) });
    },
  );
  const custom = form.values.format === 'namespace' || form.values.format === 'namespacePath';
  return (
    <QueryView query={resources}>
      {(list) => {
        const apis = list.filter((r) => !r.isBuiltin);
        if (apis.length === 0) {
          return (
            <Empty title="No API resource for Hasura yet">
              <p>Create one (e.g. https://hasura.example.com/api) on the API resources page first.</p>
            </Empty>
          );
        }
        return (
          <FormFrame form={form} label="Hasura preset">
            <SelectField
              label="Hasura's API resource"
              required
              placeholder="Choose an API resource"
              options={apis.map((r) => ({ value: r.indicator, label: `${r.name} (${r.indicator})` }))}
              hint="Claims are added to tokens for this API; allowed roles are the user's roles that grant its permissions."
              {...form.field('resource')}
            />
            <SelectField label="Claims format" options={formats} {...form.field('format')} />
            {custom && (
              <TextField
                label={form.values.format === 'namespace' ? 'Claims namespace' : 'Claims namespace path'}
                placeholder={form.values.format === 'namespace' ? 'e.g. https://hasura.io/jwt/claims' : 'e.g. hasura.claims'}
                {...form.field('namespace')}
              />
            )}
            <TextField
              label="Default role (USER_DEFAULT_ROLE_NAMES)"
              placeholder="e.g. user:reader"
              hint="Comma-separated role names, first held one wins; x-hasura-default-role."
              {...form.field('defaultRoles')}
            />
            <TextField
              label="Unauthorized role (HASURA_UNAUTHORIZED_ROLE)"
              placeholder="e.g. anonymous"
              hint="Optional: the role for a user without any Hasura role."
              {...form.field('unauthorizedRole')}
            />
            <FormActions form={form} submitLabel="Enable Hasura preset" onCancel={onCancel} />
          </FormFrame>
        );
      }}
    </QueryView>
  );
}
