import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { planRotation, scheduleKeys } from '../domain/keys/key-schedule.ts';
import type { Db } from '../storage/db.ts';
import * as repo from '../storage/repositories/signing-keys.ts';
import type { SigningKeyRow } from '../storage/schema.ts';
import { inTransaction } from '../storage/transaction.ts';
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
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048, crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
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

/** The longest a token signed now may stay valid: the longest access token or ID token TTL. */
async function maxTokenLifetimeMs(db: Db): Promise<number> {
  const row = await db.selectFrom('resources').select((eb) => eb.fn.max('accessTokenTtl').as('ttl')).executeTakeFirst();
  const ttl = Math.max(Number(row?.ttl ?? 0), 3600);
  return (ttl + 60) * 1000; // + clock skew margin
}

export async function rotateSigningKey(deps: ServiceDeps, options: { leadTimeSeconds?: number } = {}) {
  const now = Date.now();
  const lead = (options.leadTimeSeconds ?? deps.config.keyRotationLeadTime) * 1000;
  const { activatesAt, previousExpiresAt } = planRotation(now, lead, await maxTokenLifetimeMs(deps.db));
  const key = await generateKey(deps.config.signingAlg, now, activatesAt);
  await inTransaction(deps.db, async (trx) => {
    // Every key that could still be signing at `activatesAt` retires then (+ token lifetime).
    for (const k of await repo.listSigningKeys(trx)) {
      if (k.expiresAt === null) await repo.setSigningKeyExpiry(trx, k.id, previousExpiresAt);
    }
    await repo.insertSigningKey(trx, key);
  });
  await repo.deleteExpiredSigningKeys(deps.db, now);
  await deps.changes.publish('keys');
  return { kid: key.id, alg: key.alg, activatesAt, previousKeysExpireAt: previousExpiresAt };
}

export function buildKeySet(rows: readonly SigningKeyRow[], now: number): KeySet {
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
