import type { SsoConnectorDto } from '@gatehouse/client/dto';
import { TextAreaField, TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { httpUrl, maxLength, required, type Rule } from '../../validation/rules.ts';

/** What POST /sso-connectors (with providerName) or PATCH /sso-connectors/:id receives. */
export interface SsoConnectorInput {
  providerName?: 'OIDC';
  connectorName: string;
  config: { clientId: string; clientSecret?: string; issuer: string; scope?: string };
  domains: string[];
}

const domainList = (v: string): string[] =>
  v
    .split(/[\n,]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);

const DOMAIN = /^[a-z\d]([a-z\d-]*[a-z\d])?(\.[a-z\d]([a-z\d-]*[a-z\d])?)+$/;
const domainsRule: Rule = (v) => {
  const bad = domainList(v).find((d) => !DOMAIN.test(d));
  return bad ? `${bad} is not a domain name such as acme.com` : undefined;
};

/** Create or edit an enterprise SSO connector (OIDC): users whose email is in its domains sign in at its issuer. */
export function SsoConnectorForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial?: SsoConnectorDto;
  onSubmit: (input: SsoConnectorInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const editing = initial !== undefined;
  const form = useForm(
    {
      connectorName: initial?.connectorName ?? '',
      issuer: initial?.config.issuer ?? '',
      clientId: initial?.config.clientId ?? '',
      clientSecret: '',
      scope: initial?.config.scope ?? '',
      domains: initial?.domains.join('\n') ?? '',
    },
    {
      connectorName: [required, maxLength(128)],
      issuer: [required, httpUrl],
      clientId: [required],
      clientSecret: editing ? [] : [required],
      domains: [domainsRule],
    },
    async (v) => {
      const secret = v.clientSecret.trim();
      await onSubmit({
        ...(editing ? {} : { providerName: 'OIDC' as const }),
        connectorName: v.connectorName.trim(),
        config: {
          clientId: v.clientId.trim(),
          issuer: v.issuer.trim(),
          ...(secret ? { clientSecret: secret } : {}),
          ...(v.scope.trim() ? { scope: v.scope.trim() } : {}),
        },
        domains: domainList(v.domains),
      });
    },
  );
  return (
    <FormFrame form={form} label={editing ? 'Edit SSO connector' : 'Create SSO connector'}>
      <TextField label="Name" required placeholder="e.g. Acme Okta" {...form.field('connectorName')} />
      <TextField
        label="Issuer"
        required
        type="url"
        inputMode="url"
        placeholder="e.g. https://acme.okta.com"
        hint="Its discovery document must answer when the connector is saved."
        {...form.field('issuer')}
      />
      <TextField label="Client ID" required autoComplete="off" {...form.field('clientId')} />
      <TextField
        label="Client secret"
        required={!editing}
        type="password"
        autoComplete="new-password"
        hint={editing ? `Leave empty to keep the stored secret (${initial.config.clientSecret}).` : undefined}
        {...form.field('clientSecret')}
      />
      <TextField label="Scope (optional)" placeholder="e.g. openid profile email" {...form.field('scope')} />
      <TextAreaField
        label="Email domains"
        rows={2}
        placeholder="e.g. acme.com"
        hint="One a line: users with an email at these domains are sent to this provider."
        {...form.field('domains')}
      />
      <FormActions form={form} submitLabel={editing ? 'Save' : 'Create SSO connector'} onCancel={onCancel} />
    </FormFrame>
  );
}
