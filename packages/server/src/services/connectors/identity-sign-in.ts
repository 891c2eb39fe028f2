import type { UserDto, UserIdentitiesDto } from '@gatehouse/client/dto';
import type { UpstreamIdentity } from '../../domain/connectors/config.ts';
import { ConflictError, ConnectorError, ExperienceError, NotFoundError } from '../../domain/errors.ts';
import type { RequestFacts } from '../../domain/request-facts.ts';
import * as identities from '../../storage/repositories/connectors.ts';
import { findUserByEmail, findUserById, insertUser, updateUser } from '../../storage/repositories/users.ts';
import { newId } from '../../storage/ids.ts';
import { parseObjectColumn } from '../../storage/repositories/json-columns.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { UserRow } from '../../storage/schema.ts';
import type { ServiceDeps } from '../deps.ts';
import { recordEvent } from '../events/record-event.ts';
import { toUserDto } from '../mappers.ts';
import { applyJitMemberships } from '../organizations/jit.ts';
import type { SignInExperienceStore } from '../sign-in-experience/store.ts';
import { getUser } from '../users.ts';

export interface IdentitySignInDeps extends ServiceDeps {
  signInExperience: SignInExperienceStore;
}

/** How the connector treats what it learns: refresh the profile at each sign-in, keep the upstream tokens. */
export interface IdentityPolicy {
  syncProfile: boolean;
  enableTokenStorage: boolean;
}

export interface IdentitySignInResult {
  userId: string;
  /** 'signed-in': the identity was linked already; 'linked': added to the account with its verified email; 'registered': a new account. */
  outcome: 'signed-in' | 'linked' | 'registered';
}

/** What is kept as the identity's details (Logto's `details`): the profile, never tokens. */
function detailsOf(identity: UpstreamIdentity): string {
  return JSON.stringify({
    id: identity.userId,
    ...(identity.email ? { email: identity.email } : {}),
    ...(identity.name ? { name: identity.name } : {}),
    ...(identity.avatar ? { avatar: identity.avatar } : {}),
    rawData: identity.rawData,
  });
}

/**
 * The identity row's columns. Upstream tokens are kept only when the connector asks
 * (enableTokenStorage), in a column no API returns.
 */
function identityColumns(userId: string, identity: UpstreamIdentity, policy: IdentityPolicy, tokens: Record<string, unknown> | undefined) {
  const now = Date.now();
  return {
    userId,
    target: identity.target,
    identityId: identity.userId,
    details: detailsOf(identity),
    tokens: policy.enableTokenStorage && tokens ? JSON.stringify(tokens) : null,
    createdAt: now,
    updatedAt: now,
  };
}

function assertActive(user: UserRow): void {
  if (user.isSuspended === 1) throw new ExperienceError('user.suspended', 'This account is suspended.');
}

/**
 * Signs in (or up) the person a connector vouched for, in Logto's order:
 * 1. the identity is linked to a user already: that user (profile refreshed when syncProfile);
 * 2. socialSignIn.automaticAccountLinking and the provider asserted the email verified: the
 *    user with that primary email gains the identity;
 * 3. otherwise a new user, when signInMode allows registration (its email counts as verified
 *    only when the provider said so; just-in-time organization membership follows from it).
 * A verified email that another account holds, with linking off, is refused rather than
 * duplicated (user.email_already_in_use), as Logto does.
 */
export async function signInOrRegisterWithIdentity(
  deps: IdentitySignInDeps,
  input: {
    identity: UpstreamIdentity;
    policy: IdentityPolicy;
    tokens?: Record<string, unknown>;
    facts: RequestFacts;
    /** Enterprise SSO links by verified email whatever the social setting (the connector is trusted for its domains, as in Logto). */
    linkByVerifiedEmail?: boolean;
  },
): Promise<IdentitySignInResult> {
  const { identity, policy, tokens } = input;
  const linked = await identities.findIdentity(deps.db, identity.target, identity.userId);
  if (linked) {
    const user = await findUserById(deps.db, linked.userId);
    if (!user) throw new ExperienceError('user.user_not_exist', 'The linked account no longer exists.');
    assertActive(user);
    await inTransaction(deps.db, async (trx) => {
      await identities.upsertIdentity(trx, identityColumns(user.id, identity, policy, tokens));
      if (policy.syncProfile) {
        await updateUser(trx, user.id, { name: identity.name ?? user.name, avatar: identity.avatar ?? user.avatar, updatedAt: Date.now() });
      }
    });
    if (policy.syncProfile) await deps.changes.publish('users');
    return { userId: user.id, outcome: 'signed-in' };
  }

  const settings = await deps.signInExperience.get();
  const verifiedEmail = identity.email && identity.emailVerified ? identity.email : undefined;
  const holder = verifiedEmail ? await findUserByEmail(deps.db, verifiedEmail) : undefined;
  if (holder) {
    if (!(input.linkByVerifiedEmail ?? settings.socialSignIn.automaticAccountLinking)) {
      throw new ExperienceError('user.email_already_in_use', 'An account with this email address exists already; sign in to it first.');
    }
    assertActive(holder);
    const already = (await identities.listIdentitiesOfUser(deps.db, holder.id)).find((i) => i.target === identity.target);
    if (already) {
      throw new ExperienceError(
        'session.identity_conflict',
        `The account with this email is linked to another ${identity.target} account.`,
      );
    }
    await identities.upsertIdentity(deps.db, identityColumns(holder.id, identity, policy, tokens));
    deps.logger.info({ event: 'identity.linked', userId: holder.id, target: identity.target }, 'identity linked by verified email');
    return { userId: holder.id, outcome: 'linked' };
  }

  if (settings.signInMode === 'SignIn') {
    throw new ConnectorError(
      'user.identity_not_exist',
      `No account is linked to this ${identity.target} account, and registration is not enabled.`,
    );
  }
  const id = newId(12);
  const now = Date.now();
  await inTransaction(deps.db, async (trx) => {
    await insertUser(trx, {
      id,
      username: null,
      primaryEmail: verifiedEmail ?? null,
      primaryPhone: null,
      name: identity.name ?? null,
      avatar: identity.avatar ?? null,
      customData: '{}',
      passwordHash: null,
      isSuspended: 0,
      lastSignInAt: null,
      createdAt: now,
      updatedAt: now,
      verifiedEmail: verifiedEmail ?? null,
    });
    await identities.upsertIdentity(trx, identityColumns(id, identity, policy, tokens));
    const created = (await findUserById(trx, id))!;
    await recordEvent(trx, { key: 'User.Created', facts: input.facts, data: toUserDto(created), userId: id, details: { userId: id } });
  });
  await deps.changes.publish('users');
  await applyJitMemberships(deps, { id, email: verifiedEmail, emailVerified: verifiedEmail !== undefined });
  deps.logger.info({ event: 'identity.registered', userId: id, target: identity.target }, 'account created from an identity');
  return { userId: id, outcome: 'registered' };
}

/** Logto's `identities` of a user: `{ [target]: { userId, details } }` (SSO identities excluded). */
async function identitiesOfUser(deps: ServiceDeps, userId: string): Promise<UserIdentitiesDto> {
  const rows = await identities.listIdentitiesOfUser(deps.db, userId);
  const out: UserIdentitiesDto = {};
  for (const row of rows) {
    if (row.target.startsWith('sso:')) continue;
    out[row.target] = { userId: row.identityId, details: parseObjectColumn(row.details) };
  }
  return out;
}

/**
 * The signed-in user links an identity a connector just vouched for (Account API). Refused
 * when another account holds that upstream identity, or the user has one for the target already
 * (Logto's POST /my-account/identities does not replace).
 */
export async function linkIdentityToUser(
  deps: ServiceDeps,
  userId: string,
  input: { identity: UpstreamIdentity; policy: IdentityPolicy; tokens?: Record<string, unknown> },
): Promise<void> {
  const holder = await identities.findIdentity(deps.db, input.identity.target, input.identity.userId);
  if (holder && holder.userId !== userId) throw new ConflictError('This identity is linked to another account.');
  const own = (await identities.listIdentitiesOfUser(deps.db, userId)).find((i) => i.target === input.identity.target);
  if (own && own.identityId !== input.identity.userId)
    throw new ConflictError(`The account is linked to another ${input.identity.target} account already.`);
  await identities.upsertIdentity(deps.db, identityColumns(userId, input.identity, input.policy, input.tokens));
  deps.logger.info({ event: 'identity.linked', userId, target: input.identity.target }, 'identity linked by its user');
}

/** Logto's DELETE /users/:id/identities/:target. */
export async function unlinkIdentity(deps: ServiceDeps, userId: string, target: string): Promise<void> {
  if (!(await findUserById(deps.db, userId))) throw new NotFoundError(`User ${userId} does not exist.`);
  const removed = await identities.deleteIdentity(deps.db, userId, target);
  if (removed === 0) throw new ConnectorError('user.identity_not_exist', `The user has no ${target} identity.`);
  deps.logger.info({ event: 'identity.unlinked', userId, target }, 'identity unlinked');
}

/** Logto's PUT /users/:id/identities/:target: an admin links (or replaces) an identity by its upstream id. */
export async function putIdentity(
  deps: ServiceDeps,
  userId: string,
  target: string,
  input: { userId: string; details?: Record<string, unknown> },
): Promise<UserIdentitiesDto> {
  if (!(await findUserById(deps.db, userId))) throw new NotFoundError(`User ${userId} does not exist.`);
  const now = Date.now();
  await identities.upsertIdentity(deps.db, {
    userId,
    target,
    identityId: input.userId,
    details: JSON.stringify(input.details ?? {}),
    tokens: null,
    createdAt: now,
    updatedAt: now,
  });
  deps.logger.info({ event: 'identity.linked', userId, target }, 'identity linked by an admin');
  return identitiesOfUser(deps, userId);
}

/** GET /users/:id with Logto's `identities`. */
export async function getUserWithIdentities(deps: ServiceDeps, id: string): Promise<UserDto & { identities: UserIdentitiesDto }> {
  const user = await getUser(deps, id);
  return { ...user, identities: await identitiesOfUser(deps, id) };
}
