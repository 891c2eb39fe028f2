import { TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { httpUrl, name, tokenTtl } from '../../validation/rules.ts';

export interface ResourceInput {
  name: string;
  indicator: string;
  accessTokenTtl: number;
}

/** Create an API resource: name, indicator (the tokens' `aud`) and token lifetime. */
export function ResourceForm({ onSubmit, onCancel }: { onSubmit: (input: ResourceInput) => Promise<void>; onCancel?: () => void }) {
  const form = useForm(
    { name: '', indicator: '', accessTokenTtl: '3600' },
    { name: [name], indicator: [httpUrl], accessTokenTtl: [tokenTtl] },
    (v) => onSubmit({ name: v.name.trim(), indicator: v.indicator.trim(), accessTokenTtl: Number(v.accessTokenTtl) }),
  );
  return (
    <FormFrame form={form} label="Create API resource">
      <TextField label="Name" required placeholder="e.g. Hasura" {...form.field('name')} />
      <TextField
        label="API identifier (indicator)"
        required
        type="url"
        placeholder="e.g. https://hasura.example.com/api"
        hint="An absolute http(s) URL without a fragment. Access tokens for this API carry it as their audience (aud). It cannot be changed later."
        {...form.field('indicator')}
      />
      <TextField
        label="Access token lifetime (seconds)"
        required
        inputMode="numeric"
        hint="Between 60 and 86400."
        {...form.field('accessTokenTtl')}
      />
      <FormActions form={form} submitLabel="Create API resource" onCancel={onCancel} />
    </FormFrame>
  );
}
