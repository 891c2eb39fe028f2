import { ForbiddenError } from '../../domain/errors.ts';
import { getAccountCenter, requireEditable, requireReadable } from './account-center.ts';
import { USER_SCOPES, type AccountCaller, type AccountDeps } from './deps.ts';
import { requireIdentityVerified } from './verifications.ts';

/**
 * Logto's checks before a user sees or ends their sessions and grants: a fresh verification,
 * the account center's `session` field (ReadOnly to list, Edit to revoke) and the scope
 * urn:logto:scope:sessions.
 */
export async function requireSessionAccess(deps: AccountDeps, caller: AccountCaller, access: 'read' | 'edit'): Promise<void> {
  await requireIdentityVerified(deps, caller.userId, caller.verificationId);
  const center = await getAccountCenter(deps);
  if (access === 'edit') requireEditable(center, 'session');
  else requireReadable(center, 'session');
  if (!caller.scopes.has(USER_SCOPES.sessions)) throw new ForbiddenError(`The access token lacks the scope ${USER_SCOPES.sessions}.`);
}
