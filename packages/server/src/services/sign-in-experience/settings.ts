import { checkPassword, type PasswordIssue } from '../../domain/accounts/password-policy.ts';
import { signInExperienceProblems, type SignInExperience, type SignInExperiencePatch } from '../../domain/accounts/sign-in-experience.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { findSignInExperienceDocument, saveSignInExperienceDocument } from '../../storage/repositories/sign-in-experience.ts';
import { findUserById } from '../../storage/repositories/users.ts';
import type { ServiceDeps } from '../deps.ts';
import { listConnectors } from '../connectors/connectors.ts';
import type { SignInExperienceStore } from './store.ts';
import { withDefaults } from './store.ts';

export interface SignInExperienceDeps extends ServiceDeps {
  signInExperience: SignInExperienceStore;
}

export function getSignInExperience(deps: SignInExperienceDeps): Promise<SignInExperience> {
  return deps.signInExperience.get();
}

/**
 * Logto's PATCH: each field given replaces the stored one. The result is checked as a whole
 * (a change to signIn may break what signUp needs), and refused with every reason when it
 * would leave people unable to sign in, sign up or recover. Saved, then announced so every
 * process drops its cached copy.
 */
export async function updateSignInExperience(deps: SignInExperienceDeps, patch: SignInExperiencePatch): Promise<SignInExperience> {
  const current = withDefaults(await findSignInExperienceDocument(deps.db));
  const next = withDefaults({ ...current, ...patch });
  const connectorTargets = (await listConnectors(deps)).map((c) => c.target);
  const problems = signInExperienceProblems(next, { emailDelivery: deps.config.email !== undefined, connectorTargets });
  if (problems.length > 0) {
    throw new ValidationError(
      `These settings would lock people out: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  const { id: _id, ...document } = next;
  await saveSignInExperienceDocument(deps.db, document);
  await deps.changes.publish('sign-in-experience');
  deps.logger.info({ event: 'sign_in_experience.updated', fields: Object.keys(patch) }, 'sign-in experience updated');
  return next;
}

/** A deleted connector's target leaves socialSignInConnectorTargets (Logto's removeUnavailableSocialConnectorTargets). */
export async function removeSocialSignInTarget(deps: SignInExperienceDeps, target: string): Promise<void> {
  const current = withDefaults(await findSignInExperienceDocument(deps.db));
  if (!current.socialSignInConnectorTargets.includes(target)) return;
  const { id: _id, ...document } = current;
  await saveSignInExperienceDocument(deps.db, {
    ...document,
    socialSignInConnectorTargets: current.socialSignInConnectorTargets.filter((t) => t !== target),
  });
  await deps.changes.publish('sign-in-experience');
}

/** What the policy refuses in `password`, for the user `userId` names (404 if none). */
export async function checkPasswordWithPolicy(
  deps: SignInExperienceDeps,
  input: { password: string; userId?: string },
): Promise<PasswordIssue[]> {
  const { passwordPolicy } = await deps.signInExperience.get();
  if (input.userId === undefined) return checkPassword(passwordPolicy, input.password);
  const user = await findUserById(deps.db, input.userId);
  if (!user) throw new NotFoundError(`User ${input.userId} not found.`);
  return checkPassword(passwordPolicy, input.password, {
    name: user.name,
    username: user.username,
    email: user.primaryEmail,
    phoneNumber: user.primaryPhone,
  });
}
