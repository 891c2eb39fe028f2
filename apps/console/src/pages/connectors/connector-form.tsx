import type { ConnectorDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { RadioGroup, SelectField, TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { httpUrl, maxLength, optional, required, type Rule } from '../../validation/rules.ts';
import {
  connectorInput,
  initialValues,
  isGeneric,
  PRESETS,
  protocolOf,
  type ConnectorInput,
  type ConnectorPreset,
  type ConnectorValues,
} from './connector-input.ts';

const targetRule: Rule = (v) => (/^[\w.-]{1,128}$/.test(v.trim()) ? undefined : 'letters, digits, _ . and - only (e.g. acme-oidc)');
const url = optional(httpUrl);
// OIDC: the issuer (its discovery document names the rest), or all three of the endpoints.
const endpointsOrIssuer: Rule = (v, values) =>
  v.trim() === '' && (values.issuer ?? '').trim() === '' ? 'required without an issuer' : undefined;

function rulesFor(preset: ConnectorPreset, editing: boolean): Partial<Record<keyof ConnectorValues, Rule[]>> {
  const rules: Partial<Record<keyof ConnectorValues, Rule[]>> = {
    name: [optional(maxLength(256))],
    clientId: [required],
    clientSecret: editing ? [] : [required],
  };
  if (isGeneric(preset) && !editing) rules.target = [targetRule];
  if (preset === 'oidc') {
    rules.issuer = [url];
    rules.authorizationEndpoint = [endpointsOrIssuer, url];
    rules.tokenEndpoint = [endpointsOrIssuer, url];
    rules.jwksUri = [endpointsOrIssuer, url];
  }
  if (preset === 'oauth2') {
    rules.authorizationEndpoint = [required, httpUrl];
    rules.tokenEndpoint = [required, httpUrl];
    rules.userInfoEndpoint = [required, httpUrl];
  }
  return rules;
}

/** Checkbox bound to a 'true' / '' form value. */
function Check({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label className="choice">
      <input type="checkbox" checked={value === 'true'} onChange={(e) => onChange(e.target.checked ? 'true' : '')} />
      {label}
    </label>
  );
}

/** Create a social connector from one of the four presets with Logto's fields, or edit one (kind and target fixed). */
export function ConnectorForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial?: ConnectorDto;
  onSubmit: (input: ConnectorInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const editing = initial !== undefined;
  const [preset, setPreset] = useState<ConnectorPreset>((initial?.connectorId as ConnectorPreset | undefined) ?? 'oidc');
  const form = useForm({ ...initialValues(initial) }, rulesFor(preset, editing), async (v) => {
    await onSubmit(connectorInput(preset, v, editing));
  });
  const label = editing ? 'Edit connector' : 'Create connector';
  const protocol = protocolOf(preset);
  return (
    <FormFrame form={form} label={label}>
      {!editing && (
        <RadioGroup<ConnectorPreset>
          legend="Provider"
          name="connector-preset"
          value={preset}
          onChange={setPreset}
          options={PRESETS.map((p) => ({ value: p.value, label: p.label }))}
          hint={PRESETS.find((p) => p.value === preset)?.hint}
        />
      )}
      {isGeneric(preset) && !editing && (
        <TextField
          label="Target"
          required
          placeholder="e.g. acme-oidc"
          hint="The key the user's linked identity is stored under; it cannot change later."
          {...form.field('target')}
        />
      )}
      <TextField label="Display name (optional)" placeholder="e.g. Acme SSO" hint="Shown on the sign-in button." {...form.field('name')} />
      <TextField label="Client ID" required autoComplete="off" {...form.field('clientId')} />
      <TextField
        label="Client secret"
        required={!editing}
        type="password"
        autoComplete="new-password"
        hint={editing ? `Leave empty to keep the stored secret (${initial.config.clientSecret}).` : undefined}
        {...form.field('clientSecret')}
      />
      <TextField
        label="Scope (optional)"
        placeholder={protocol === 'oidc' ? 'e.g. openid profile email' : 'e.g. read:user'}
        hint={protocol === 'oidc' ? 'Space-separated; openid is always added.' : 'Space-separated; empty uses the default.'}
        {...form.field('scope')}
      />
      {preset === 'oidc' && (
        <TextField
          label="Issuer"
          type="url"
          inputMode="url"
          placeholder="e.g. https://idp.example.com"
          hint="Its discovery document fills the endpoints below when they are empty."
          {...form.field('issuer')}
        />
      )}
      {isGeneric(preset) && (
        <>
          <TextField
            label="Authorization endpoint"
            type="url"
            inputMode="url"
            required={preset === 'oauth2'}
            placeholder="e.g. https://idp.example.com/authorize"
            {...form.field('authorizationEndpoint')}
          />
          <TextField
            label="Token endpoint"
            type="url"
            inputMode="url"
            required={preset === 'oauth2'}
            placeholder="e.g. https://idp.example.com/token"
            {...form.field('tokenEndpoint')}
          />
          <SelectField
            label="Token endpoint authentication"
            options={[
              { value: 'client_secret_post', label: 'client_secret_post' },
              { value: 'client_secret_basic', label: 'client_secret_basic' },
            ]}
            {...form.field('tokenEndpointAuthMethod')}
          />
        </>
      )}
      {preset === 'oidc' && (
        <TextField
          label="JWKS URI"
          type="url"
          inputMode="url"
          placeholder="e.g. https://idp.example.com/jwks"
          hint="Where the ID token's signing keys are."
          {...form.field('jwksUri')}
        />
      )}
      {preset === 'oauth2' && (
        <>
          <TextField
            label="User info endpoint"
            type="url"
            inputMode="url"
            required
            placeholder="e.g. https://api.example.com/user"
            {...form.field('userInfoEndpoint')}
          />
          <fieldset className="field">
            <legend>Profile map (optional)</legend>
            <span className="hint">Dotted paths into the user-info response; empty uses id, email, name and avatar.</span>
            <TextField label="User id path" placeholder="e.g. data.user.id" {...form.field('profileId')} />
            <TextField label="Email path" placeholder="e.g. email" {...form.field('profileEmail')} />
            <TextField label="Name path" placeholder="e.g. name" {...form.field('profileName')} />
            <TextField label="Avatar path" placeholder="e.g. avatar_url" {...form.field('profileAvatar')} />
          </fieldset>
        </>
      )}
      {protocol === 'oidc' && (
        <Check label="Trust the email even when the provider does not say it is verified" {...form.field('trustUnverifiedEmail')} />
      )}
      <Check label="Update name and avatar from the provider at every sign-in" {...form.field('syncProfile')} />
      <FormActions form={form} submitLabel={editing ? 'Save' : 'Create connector'} onCancel={onCancel} />
    </FormFrame>
  );
}
