import type { OrganizationDto, OrganizationInvitationDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useQuery } from '../../api/use-query.ts';
import { DialogButton, type DialogFormProps } from '../../components/dialog-button.tsx';
import { RemovableTable } from '../../components/removable-table.tsx';
import { Badge } from '../../ui/badge.tsx';
import { TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { SectionIntro } from '../../ui/section-intro.tsx';
import { QueryView } from '../../ui/states.tsx';
import { useForm } from '../../ui/use-form.ts';
import { email, required } from '../../validation/rules.ts';
import { formatTime } from '../users/user-label.ts';
import { OrgRoleChoices } from './org-role-checklist.tsx';

const DAY = 86_400_000;

interface InvitationInput {
  invitee: string;
  organizationRoleIds: string[];
  expiresAt: number;
}

const days: (v: string) => string | undefined = (v) =>
  /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 365 ? undefined : 'must be 1 to 365 days';

/** Invite someone by email, with the roles they get on accepting. */
function InvitationForm({ onSubmit, onCancel }: DialogFormProps<InvitationInput>) {
  const [roles, setRoles] = useState<Set<string>>(new Set());
  const form = useForm({ invitee: '', days: '7' }, { invitee: [required, email], days: [days] }, (v) =>
    onSubmit({ invitee: v.invitee.trim(), organizationRoleIds: [...roles], expiresAt: Date.now() + Number(v.days) * DAY }),
  );
  return (
    <FormFrame form={form} label="Invite a member">
      <TextField label="Email address" type="email" required placeholder="e.g. ada@example.com" {...form.field('invitee')} />
      <TextField label="Expires after (days)" inputMode="numeric" {...form.field('days')} />
      <OrgRoleChoices type="User" chosen={roles} onChange={setRoles} legend="Roles on accepting" />
      <FormActions form={form} submitLabel="Create invitation" onCancel={onCancel} />
    </FormFrame>
  );
}

const statusTone = { Pending: 'accent', Accepted: 'success', Expired: 'warning', Revoked: 'danger' } as const;

/** The organization's invitations: status, roles, expiry; revoke a pending one. */
export function OrganizationInvitationsTab({ org }: { org: OrganizationDto }) {
  const api = useApi();
  const query = useQuery((a) => a.get<OrganizationInvitationDto[]>('/organization-invitations', { organizationId: org.id }), [org.id]);
  return (
    <div className="stack">
      <SectionIntro
        action={
          <DialogButton variant="primary" label="Invite member" title={`Invite a member to ${org.name}`}>
            {(close) => (
              <InvitationForm
                onCancel={close}
                onSubmit={async (input) => {
                  await api.send('POST', '/organization-invitations', { ...input, organizationId: org.id });
                  close();
                  query.reload();
                }}
              />
            )}
          </DialogButton>
        }
      >
        An invitee who accepts joins with the chosen roles. The invitation email is sent when email delivery is configured.
      </SectionIntro>
      <QueryView query={query}>
        {(invitations) => (
          <RemovableTable<OrganizationInvitationDto & { id: string }>
            columns={[
              { header: 'Invitee', cell: (i) => i.invitee },
              { header: 'Status', cell: (i) => <Badge tone={statusTone[i.status]}>{i.status}</Badge> },
              { header: 'Roles', cell: (i) => i.organizationRoles.map((r) => r.name).join(', ') || <span className="muted">None</span> },
              { header: 'Expires', cell: (i) => formatTime(i.expiresAt) },
            ]}
            items={invitations}
            empty={{ title: 'No invitations yet' }}
            itemName={(i) => `invitation of ${i.invitee}`}
            remove={{
              verb: 'Remove',
              title: 'Revoke this invitation?',
              confirmLabel: 'Revoke',
              text: (i) => `${i.invitee} can no longer accept it.`,
              run: async (i) => {
                if (i.status === 'Pending')
                  await api.send('PUT', `/organization-invitations/${encodeURIComponent(i.id)}/status`, { status: 'Revoked' });
                else await api.send('DELETE', `/organization-invitations/${encodeURIComponent(i.id)}`);
                query.reload();
              },
            }}
          />
        )}
      </QueryView>
    </div>
  );
}
