import type { OrganizationInvitationDto } from '@gatehouse/client/dto';
import type { ServiceDeps } from '../deps.ts';

/** What an invitation email needs; Logto's `messagePayload` (e.g. `{ link }`) rides along. */
export interface InvitationMail {
  invitation: OrganizationInvitationDto;
  organization: { id: string; name: string };
  inviter?: { id: string; name: string | null; primaryEmail: string | null };
  messagePayload: Record<string, unknown>;
}

export type InvitationMailOutcome = 'sent' | 'skipped';

/**
 * The seam for invitation emails. Email delivery is being built with the accounts work; until
 * it exists (or while no mail transport is configured) this sends nothing and says so, so an
 * invitation is still created and can be accepted through `PUT .../:id/status`.
 * The mail work replaces this body with its delivery (template `OrganizationInvitation`).
 */
export async function sendInvitation(deps: ServiceDeps, mail: InvitationMail): Promise<InvitationMailOutcome> {
  deps.logger.debug({ invitationId: mail.invitation.id }, 'organization invitation email skipped: no mail delivery configured');
  return 'skipped';
}
