import { NotFoundError, UnprocessableError } from '../../domain/errors.ts';
import { parseObjectColumn } from '../../storage/repositories/json-columns.ts';
import { findUserById } from '../../storage/repositories/users.ts';
import type { AccountDeps } from './deps.ts';

/**
 * An admin sends a user the ForgotPassword email (Logto has no such operation): a code from
 * the verification-code service (hashed, 10 minutes, single use, rate-limited per address),
 * in the user's language when their profile names one. 422 when the user has no email.
 */
export async function sendPasswordResetEmail(
  deps: AccountDeps,
  input: { userId: string; ip: string },
): Promise<{ verificationId: string; expiresAt: number }> {
  const user = await findUserById(deps.db, input.userId);
  if (!user) throw new NotFoundError(`User ${input.userId} does not exist.`);
  if (!user.primaryEmail) throw new UnprocessableError('This user has no email address to send a reset email to.');
  const { locale } = parseObjectColumn(user.profile);
  const sent = await deps.verificationCodes.send({
    to: user.primaryEmail,
    usage: 'ForgotPassword',
    locale: typeof locale === 'string' ? locale : undefined,
    ip: input.ip,
  });
  deps.logger.info({ event: 'password_reset_email.sent', userId: user.id }, 'password reset email sent');
  return sent;
}
