import type { ApplicationType } from '@gatehouse/client/dto';
import { RadioGroup, TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { description, name, optional, redirectUri } from '../../validation/rules.ts';

export interface ApplicationInput {
  name: string;
  description: string | null;
  type: ApplicationType;
  oidcClientMetadata?: { redirectUris: string[]; postLogoutRedirectUris: string[] };
}

export const applicationTypes: Array<{ value: ApplicationType; label: string; help: string }> = [
  { value: 'SPA', label: 'Single-page app', help: 'Runs in the browser (React, Vue…): a public client with PKCE.' },
  { value: 'Traditional', label: 'Traditional web app', help: 'Server-rendered: a confidential client with a secret.' },
  { value: 'Native', label: 'Native app', help: 'Mobile or desktop: a public client with PKCE.' },
  { value: 'MachineToMachine', label: 'Machine-to-machine', help: 'A backend calling APIs on its own behalf (client credentials).' },
];

/** Create an application; interactive types may give their first redirect URI right away. */
export function ApplicationForm({ onSubmit, onCancel }: { onSubmit: (input: ApplicationInput) => Promise<void>; onCancel?: () => void }) {
  const form = useForm(
    { name: '', description: '', type: 'SPA', redirectUri: '' },
    { name: [name], description: [description], redirectUri: [optional(redirectUri)] },
    (v) => {
      const uri = v.redirectUri.trim();
      return onSubmit({
        name: v.name.trim(),
        description: v.description.trim() || null,
        type: v.type as ApplicationType,
        ...(v.type !== 'MachineToMachine' && uri ? { oidcClientMetadata: { redirectUris: [uri], postLogoutRedirectUris: [] } } : {}),
      });
    },
  );
  const machine = form.values.type === 'MachineToMachine';
  return (
    <FormFrame form={form} label="Create application">
      <RadioGroup
        legend="Type"
        name="application-type"
        value={form.values.type as ApplicationType}
        onChange={(v) => form.set('type', v)}
        options={applicationTypes.map((t) => ({ value: t.value, label: t.label }))}
        hint={applicationTypes.find((t) => t.value === form.values.type)?.help}
      />
      <TextField label="Name" required placeholder="e.g. My Hasura app" {...form.field('name')} />
      <TextField label="Description" {...form.field('description')} />
      {!machine && (
        <TextField
          label="Redirect URI"
          type="url"
          placeholder="e.g. http://localhost:5173/callback"
          hint="Optional now, editable later. Matched exactly: absolute, without a fragment or wildcard."
          {...form.field('redirectUri')}
        />
      )}
      <FormActions form={form} submitLabel="Create application" onCancel={onCancel} />
    </FormFrame>
  );
}
