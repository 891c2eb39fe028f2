import type { OrganizationInvitationDto } from '@gatehouse/client/dto';
import type { Mailer } from '../email/mailer.ts';

/** What an invitation email needs; Logto's `messagePayload` (e.g. `{ link }`) rides along. */
export interface InvitationMail {
  invitation: OrganizationInvitationDto;
  organization: { id: string; name: string };
  inviter?: { id: string; name: string | null; primaryEmail: string | null };
  messagePayload: Record<string, unknown>;
}

/** The mail delivery the invitation needs (the accounts work's mailer). */
export type InvitationMailer = Pick<Mailer, 'configured' | 'sendMessage'>;

/**
 * Sends the `OrganizationInvitation` template to the invitee, in Logto's way: only when the
 * caller gave a `messagePayload` (its fields, e.g. `{ link }`, become template variables beside
 * `organization` and `inviter`). Without mail delivery configured this is a 422 naming
 * SMTP_URL, and a mail server that fails is a 503 with Retry-After: the caller then removes
 * the invitation it just created, so a failed request leaves nothing behind.
 */
export async function sendInvitation(mailer: InvitationMailer, mail: InvitationMail): Promise<void> {
  await mailer.sendMessage({
    to: mail.invitation.invitee,
    usage: 'OrganizationInvitation',
    variables: {
      ...mail.messagePayload,
      organization: mail.organization,
      ...(mail.inviter ? { inviter: mail.inviter } : {}),
    },
  });
}
