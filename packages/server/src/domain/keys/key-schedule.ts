/**
 * Which signing keys are published and which one signs, at a given time. Pure, so the
 * rotation rules can be tested without a clock or a database.
 *
 * Rules (a verifier that refreshes the JWKS when its Cache-Control max-age runs out must
 * never meet a token signed by a key it has not fetched):
 * - a key is published from its creation until its `expiresAt` (if any);
 * - the signing key is the published key with the latest `activatesAt` that is not in the
 *   future; a rotated-in key is therefore published `leadTime` > max-age before it signs;
 * - a replaced key keeps being published until every token it signed has expired.
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
  const future = keys
    .flatMap((k) => [k.activatesAt, k.expiresAt ?? Number.POSITIVE_INFINITY])
    .filter((t) => t > now && Number.isFinite(t));
  return { signing, published, nextChangeAt: future.length > 0 ? Math.min(...future) : undefined };
}

/**
 * Times for a rotation at `now`: the new key activates after `leadTimeMs`; the key it
 * replaces stops signing then, and is published for `maxTokenLifetimeMs` more.
 */
export function planRotation(now: number, leadTimeMs: number, maxTokenLifetimeMs: number) {
  const activatesAt = now + leadTimeMs;
  return { activatesAt, previousExpiresAt: activatesAt + maxTokenLifetimeMs };
}
