import { useApi } from '../../api/api-context.tsx';
import type { Resource } from '../../api/types.ts';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { Notice, ProblemAlert } from '../../ui/states.tsx';
import { useForm } from '../../ui/use-form.ts';
import { name, tokenTtl } from '../../validation/rules.ts';
import { useState } from 'react';

/** Name and token lifetime; the indicator is fixed (tokens already carry it as `aud`). */
export function ResourceSettings({ resource, onSaved }: { resource: Resource; onSaved(): void }) {
  const api = useApi();
  const [saved, setSaved] = useState(false);
  const form = useForm({ name: resource.name, accessTokenTtl: String(resource.accessTokenTtl) }, { name: [name], accessTokenTtl: [tokenTtl] }, async (v) => {
    await api.send('PATCH', `/resources/${encodeURIComponent(resource.id)}`, { name: v.name.trim(), accessTokenTtl: Number(v.accessTokenTtl) });
    setSaved(true);
    onSaved();
  });
  const readOnly = Boolean(resource.isBuiltin);
  return (
    <form ref={form.formRef} className="card" onSubmit={form.onSubmit} noValidate aria-label="API resource settings">
      {readOnly && <Notice kind="info">The built-in Management API cannot be changed.</Notice>}
      {saved && <Notice>Saved.</Notice>}
      <ProblemAlert error={form.problem} />
      <TextField label="Name" required disabled={readOnly} {...form.field('name')} />
      <TextField label="API identifier" value={resource.indicator} onChange={() => undefined} disabled hint="Fixed once created." />
      <TextField label="Access token lifetime (seconds)" required disabled={readOnly} inputMode="numeric" {...form.field('accessTokenTtl')} />
      {!readOnly && (
        <div>
          <Button type="submit" variant="primary" busy={form.busy}>
            Save settings
          </Button>
        </div>
      )}
    </form>
  );
}
