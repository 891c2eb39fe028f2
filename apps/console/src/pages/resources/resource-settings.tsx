import type { ResourceDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { entityPath } from '../../router/paths.ts';
import { TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { Notice } from '../../ui/states.tsx';
import { useForm } from '../../ui/use-form.ts';
import { name, tokenTtl } from '../../validation/rules.ts';

/** Name and token lifetime; the indicator is fixed (tokens already carry it as `aud`). */
export function ResourceSettings({ resource, onSaved }: { resource: ResourceDto; onSaved: () => void }) {
  const api = useApi();
  const [saved, setSaved] = useState(false);
  const form = useForm(
    { name: resource.name, accessTokenTtl: String(resource.accessTokenTtl) },
    { name: [name], accessTokenTtl: [tokenTtl] },
    async (v) => {
      await api.send('PATCH', entityPath('resources', resource.id), { name: v.name.trim(), accessTokenTtl: Number(v.accessTokenTtl) });
      setSaved(true);
      onSaved();
    },
  );
  const readOnly = Boolean(resource.isBuiltin);
  return (
    <FormFrame form={form} label="API resource settings" className="card">
      {readOnly && <Notice kind="info">The built-in Management API cannot be changed.</Notice>}
      <TextField label="Name" required disabled={readOnly} {...form.field('name')} />
      <TextField label="API identifier" value={resource.indicator} onChange={() => undefined} disabled hint="Fixed once created." />
      <TextField
        label="Access token lifetime (seconds)"
        required
        disabled={readOnly}
        inputMode="numeric"
        {...form.field('accessTokenTtl')}
      />
      {saved && !form.dirty && <Notice>Saved.</Notice>}
      {!readOnly && <FormActions form={form} submitLabel="Save settings" align="start" />}
    </FormFrame>
  );
}
