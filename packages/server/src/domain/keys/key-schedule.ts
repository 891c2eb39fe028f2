/**
 * Which signing keys are published and which one signs, at a given time. Pure, so the
 * rotation rules can be tested without a clock or a database.
 *
 * Rules (a verifier that refreshes the JWKS when its Cache-Control max-age runs out must
 * never meet a token signed by a key it has not fetched):
 * - a key is published from its creation until its `expiresAt` (if any);
 * - the signing key is the published key with the latest `activatesAt` that is not in the
 *   future; a rotated-in key is therefore published `leadTime` > max-age before it signs;
 * - a replaced key keeps being published until every token it signed has expired, and no
 *   longer: a rotation retires it at (the moment it stops signing) + the retention below;
 * - a key rotated in and superseded before it activated has signed nothing: it is removed
 *   at once (rapid rotations once left every such key published, 183 of them).
 */
export interface ScheduledKey {
  id: string;
  activatesAt: number;
  expiresAt: number | null;
  createdAt: number;
}

export interface KeySchedule<K extends ScheduledKey> {
  signing: K | undefined;
  published: K[];
  /** Soonest future time at which the answer changes (a key activates or expires). */
  nextChangeAt: number | undefined;
}

export function scheduleKeys<K extends ScheduledKey>(keys: readonly K[], now: number): KeySchedule<K> {
  const published = keys
    .filter((k) => k.expiresAt === null || k.expiresAt > now)
    .sort((a, b) => b.activatesAt - a.activatesAt || b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const signing = published.find((k) => k.activatesAt <= now);
  const future = keys.flatMap((k) => [k.activatesAt, k.expiresAt ?? Number.POSITIVE_INFINITY]).filter((t) => t > now && Number.isFinite(t));
  return { signing, published, nextChangeAt: future.length > 0 ? Math.min(...future) : undefined };
}

/** oidc-provider's ID token lifetime (seconds); ID tokens are verified against the JWKS too. */
export const ID_TOKEN_TTL_SECONDS = 3600;

// Margin for clocks of processes sharing the database: a key activating this close to a
// rotation may already sign somewhere, so it is treated as signing, not as never used.
const clockSkewMs = 5_000;

/**
 * How long a key stays published after it stops signing: the longest-lived token it can have
 * signed (the longest access token TTL, or the ID token's), plus the JWKS max-age (a verifier
 * may look the key up from a cached copy), plus a minute of clock skew.
 */
export function keyRetentionMs(input: { accessTokenTtls: readonly number[]; jwksMaxAgeSeconds: number }): number {
  const longest = Math.max(ID_TOKEN_TTL_SECONDS, ...input.accessTokenTtls.filter((ttl) => Number.isFinite(ttl)));
  return (longest + input.jwksMaxAgeSeconds + 60) * 1000;
}

export interface RotationPlan {
  /** When the new key starts signing. */
  activatesAt: number;
  /** Keys rotated in earlier that never activated: superseded, they signed nothing. */
  remove: string[];
  /** Keys that sign until `activatesAt` (the current one): retired `retentionMs` after it. */
  expire: Array<{ id: string; expiresAt: number }>;
  /** The expiry given to the keys in `expire`. */
  previousExpiresAt: number;
}

/**
 * A rotation at `now`: the new key activates after `leadTimeMs`. Keys still waiting to
 * activate are dropped (the current key keeps signing until the new one takes over), and the
 * key(s) signing until then are retired `retentionMs` after it. Keys that stopped signing
 * earlier keep their expiry.
 */
export function planRotation<K extends ScheduledKey>(
  keys: readonly K[],
  now: number,
  leadTimeMs: number,
  retentionMs: number,
): RotationPlan {
  const activatesAt = now + leadTimeMs;
  const previousExpiresAt = activatesAt + retentionMs;
  const live = keys.filter((k) => k.expiresAt === null || k.expiresAt > now);
  const remove = live.filter((k) => k.activatesAt > now + clockSkewMs).map((k) => k.id);
  const kept = live.filter((k) => !remove.includes(k.id));
  const { signing } = scheduleKeys(kept, now);
  const signers = kept.filter((k) => k.id === signing?.id || k.activatesAt > now || k.expiresAt === null);
  return { activatesAt, remove, expire: signers.map((k) => ({ id: k.id, expiresAt: previousExpiresAt })), previousExpiresAt };
}
