import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import type { Db } from '../storage/db.ts';
import { newId } from '../storage/ids.ts';
import * as repo from '../storage/repositories/subject-tokens.ts';
import { findUserById } from '../storage/repositories/users.ts';
import { parseObjectColumn } from '../storage/repositories/json-columns.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { ServiceDeps } from './deps.ts';
import { recordAuditLog } from './events/record-event.ts';

/*
 * Logto's impersonation (POST /api/subject-tokens, then RFC 8693 token exchange). Invariants:
 * 1. The token is shown once; only its SHA-256 is stored (a database read yields nothing usable).
 * 2. It lives SUBJECT_TOKEN_TTL_S (Logto's 600 s) and is exchanged at most once: redemption is a
 *    conditional update, so of concurrent exchanges exactly one wins.
 * 3. It remembers who minted it: the exchanged token names that admin in `act` (RFC 8693 4.1).
 */

/** Logto's subjectTokenExpiresIn. */
const SUBJECT_TOKEN_TTL_S = 600;
/** Logto's prefix: a subject token is told apart from an access token by it. */
const SUBJECT_TOKEN_PREFIX = 'sub_';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSubjectToken(
  deps: ServiceDeps,
  input: { userId: string; context?: Record<string, unknown> },
  facts: RequestFacts,
): Promise<{ subjectToken: string; expiresIn: number }> {
  const creator = facts.actor;
  if (!creator) throw new ValidationError('A subject token is minted by an authenticated Management API caller.');
  const token = `${SUBJECT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const now = Date.now();
  const id = newId();
  await inTransaction(deps.db, async (trx) => {
    if (!(await findUserById(trx, input.userId))) throw new NotFoundError(`User ${input.userId} does not exist.`);
    await repo.deleteSubjectTokensExpiredBefore(trx, now);
    await repo.insertSubjectToken(trx, {
      id,
      tokenHash: digest(token),
      userId: input.userId,
      context: JSON.stringify(input.context ?? {}),
      creatorId: creator.id,
      creatorType: creator.type,
      expiresAt: now + SUBJECT_TOKEN_TTL_S * 1000,
      consumedAt: null,
      createdAt: now,
    });
    await recordAuditLog(trx, { key: 'SubjectToken.Created', facts, userId: input.userId, details: { subjectTokenId: id } }, now);
  });
  return { subjectToken: token, expiresIn: SUBJECT_TOKEN_TTL_S };
}

interface RedeemedSubjectToken {
  id: string;
  userId: string;
  context: Record<string, unknown>;
  creator: { type: 'user' | 'application'; id: string };
}

export type SubjectTokenRedemption = { ok: true; token: RedeemedSubjectToken } | { ok: false; reason: string };

/**
 * Reads a subject token for an exchange; `consume` then spends it. Split so the grant can
 * check everything else (client, actor, resource) before the single use is spent.
 */
export async function findSubjectToken(db: Db, token: string, now = Date.now()): Promise<SubjectTokenRedemption> {
  const row = token.startsWith(SUBJECT_TOKEN_PREFIX) ? await repo.findSubjectTokenByHash(db, digest(token)) : undefined;
  if (!row) return { ok: false, reason: 'subject token not found' };
  if (row.consumedAt !== null) return { ok: false, reason: 'subject token is already consumed' };
  if (row.expiresAt <= now) return { ok: false, reason: 'subject token is expired' };
  return {
    ok: true,
    token: {
      id: row.id,
      userId: row.userId,
      context: parseObjectColumn(row.context),
      creator: { type: row.creatorType === 'application' ? 'application' : 'user', id: row.creatorId },
    },
  };
}

/** Spends the token; false when another exchange got there first or it expired meanwhile. */
export function consumeSubjectToken(db: Db, id: string, now = Date.now()): Promise<boolean> {
  return repo.consumeSubjectToken(db, id, now);
}
