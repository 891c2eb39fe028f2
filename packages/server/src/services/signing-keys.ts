import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { keyRetentionMs, planRotation, scheduleKeys } from '../domain/keys/key-schedule.ts';
import type { Db } from '../storage/db.ts';
import * as repo from '../storage/repositories/signing-keys.ts';
import type { SigningKeyRow } from '../storage/schema.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import { recordEvent } from './events/record-event.ts';
import type { ServiceDeps } from './deps.ts';

export interface KeySet {
  /** The private JWK that signs now. */
  signing: JWK;
  /** Private JWKs the provider may verify its own tokens with (signing first). */
  verifying: JWK[];
  /** Public JWKs served at /oidc/jwks: signing, next and retiring keys. */
  published: JWK[];
  nextChangeAt: number | undefined;
}

async function generateKey(alg: string, now: number, activatesAt: number) {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    modulusLength: 2048,
    crv: alg === 'EdDSA' ? 'Ed25519' : undefined,
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const meta = { kid, alg, use: 'sig' };
  return {
    id: kid,
    alg,
    privateJwk: JSON.stringify({ ...(await exportJWK(privateKey)), ...meta }),
    publicJwk: JSON.stringify({ ...publicJwk, ...meta }),
    activatesAt,
    expiresAt: null,
    createdAt: now,
  };
}

/** First start: a signing key is created and stored in the database (never in files). */
export async function ensureSigningKey(deps: ServiceDeps): Promise<void> {
  if ((await repo.listSigningKeys(deps.db)).length > 0) return;
  const now = Date.now();
  await repo.insertSigningKey(deps.db, await generateKey(deps.config.signingAlg, now, now));
  deps.logger.info('generated the first signing key');
}

/** How long a key stays published after it stops signing (see keyRetentionMs). */
async function retentionMs(deps: ServiceDeps): Promise<number> {
  const resourceTtl = await repo.findMaxAccessTokenTtl(deps.db);
  return keyRetentionMs({
    accessTokenTtls: [deps.config.accessTokenTtl, ...(resourceTtl === undefined ? [] : [resourceTtl])],
    jwksMaxAgeSeconds: deps.config.jwksMaxAge,
  });
}

/**
 * A new key, published now, signing after the lead time. Keys rotated in earlier that have
 * not activated yet are dropped, and the key signing until then is retired once every token
 * it can have signed has expired, so the JWKS holds only keys that can verify a live token.
 * `now` is injectable so tests can rotate on a simulated clock.
 */
export async function rotateSigningKey(deps: ServiceDeps, options: { leadTimeSeconds?: number; now?: number; facts?: RequestFacts } = {}) {
  const now = options.now ?? Date.now();
  const lead = (options.leadTimeSeconds ?? deps.config.keyRotationLeadTime) * 1000;
  const retention = await retentionMs(deps);
  const key = await generateKey(deps.config.signingAlg, now, now + lead);
  const plan = await inTransaction(deps.db, async (trx) => {
    const plan = planRotation(await repo.listSigningKeys(trx), now, lead, retention);
    for (const id of plan.remove) await repo.deleteSigningKey(trx, id);
    for (const { id, expiresAt } of plan.expire) await repo.setSigningKeyExpiry(trx, id, expiresAt);
    await repo.insertSigningKey(trx, key);
    await repo.deleteExpiredSigningKeys(trx, now);
    await recordEvent(trx, {
      key: 'SigningKey.Rotated',
      facts: options.facts,
      data: { kid: key.id, alg: key.alg, activatesAt: plan.activatesAt, previousKeysExpireAt: plan.previousExpiresAt },
      details: { kid: key.id, alg: key.alg, removedKids: plan.remove },
    });
    return plan;
  });
  await deps.changes.publish('keys');
  return { kid: key.id, alg: key.alg, activatesAt: plan.activatesAt, previousKeysExpireAt: plan.previousExpiresAt };
}

function buildKeySet(rows: readonly SigningKeyRow[], now: number): KeySet {
  const schedule = scheduleKeys(rows, now);
  if (!schedule.signing) throw new Error('no signing key is active; run `gatehouse keys rotate`');
  const signingId = schedule.signing.id;
  const active = schedule.published.filter((k) => k.activatesAt <= now);
  const verifying = [schedule.signing, ...active.filter((k) => k.id !== signingId)].map((k) => JSON.parse(k.privateJwk) as JWK);
  return {
    signing: JSON.parse(schedule.signing.privateJwk) as JWK,
    verifying,
    published: schedule.published.map((k) => JSON.parse(k.publicJwk) as JWK),
    nextChangeAt: schedule.nextChangeAt,
  };
}

export async function loadKeySet(db: Db, now = Date.now()): Promise<KeySet> {
  return buildKeySet(await repo.listSigningKeys(db), now);
}

export async function describeSigningKeys(db: Db, now = Date.now()) {
  const rows = await repo.listSigningKeys(db);
  const { signing } = scheduleKeys(rows, now);
  return rows.map((k) => ({
    kid: k.id,
    alg: k.alg,
    status: k.id === signing?.id ? 'current' : k.activatesAt > now ? 'next' : 'retiring',
    activatesAt: k.activatesAt,
    expiresAt: k.expiresAt,
  }));
}
