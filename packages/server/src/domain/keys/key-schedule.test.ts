import { describe, expect, it } from 'vitest';
import { ID_TOKEN_TTL_SECONDS, keyRetentionMs, planRotation, scheduleKeys, type ScheduledKey } from './key-schedule.ts';

const key = (id: string, activatesAt: number, expiresAt: number | null = null) => ({ id, activatesAt, expiresAt, createdAt: activatesAt });

/** Applies a rotation plan the way the service does, with the new key `id`. */
function rotate(keys: ScheduledKey[], id: string, now: number, lead: number, retention: number): ScheduledKey[] {
  const plan = planRotation(keys, now, lead, retention);
  const expiry = new Map(plan.expire.map((e) => [e.id, e.expiresAt]));
  return [
    ...keys.filter((k) => !plan.remove.includes(k.id)).map((k) => ({ ...k, expiresAt: expiry.get(k.id) ?? k.expiresAt })),
    { id, activatesAt: plan.activatesAt, expiresAt: null, createdAt: now },
  ].filter((k) => k.expiresAt === null || k.expiresAt > now);
}

const ids = (keys: readonly ScheduledKey[]) => keys.map((k) => k.id).sort();

describe('key schedule', () => {
  it('signs with the only key and publishes it', () => {
    const s = scheduleKeys([key('a', 0)], 10);
    expect(s.signing?.id).toBe('a');
    expect(s.published.map((k) => k.id)).toEqual(['a']);
    expect(s.nextChangeAt).toBeUndefined();
  });

  it('publishes a rotated-in key before it signs anything', () => {
    const keys = rotate([key('old', 0)], 'new', 100, 600, 3600);
    const before = scheduleKeys(keys, 200);
    expect(before.signing?.id).toBe('old');
    expect(ids(before.published)).toEqual(['new', 'old']);
    expect(before.nextChangeAt).toBe(700);
  });

  it('switches signing at activation and keeps the old key published until its tokens expire', () => {
    const keys = rotate([key('old', 0)], 'new', 100, 600, 3600);
    const during = scheduleKeys(keys, 700);
    expect(during.signing?.id).toBe('new');
    expect(during.published.map((k) => k.id)).toEqual(['new', 'old']);
    expect(scheduleKeys(keys, 700 + 3599).published.map((k) => k.id)).toEqual(['new', 'old']);
    expect(scheduleKeys(keys, 700 + 3600).published.map((k) => k.id)).toEqual(['new']);
  });
});

describe('rotation planning', () => {
  const lead = 600_000;
  const retention = 3_600_000;

  it('drops keys superseded before they activated, so rapid rotations publish two keys, not one per rotation', () => {
    let keys: ScheduledKey[] = [key('k0', 0)];
    for (let i = 1; i <= 50; i++) keys = rotate(keys, `k${i}`, i * 1000, lead, retention);
    expect(ids(scheduleKeys(keys, 50_000).published)).toEqual(['k0', 'k50']);
    // k0 signed until k50 took over, so it stays for the retention after that, then goes.
    const takeover = 50_000 + lead;
    expect(scheduleKeys(keys, takeover).signing?.id).toBe('k50');
    expect(ids(scheduleKeys(keys, takeover + retention - 1).published)).toEqual(['k0', 'k50']);
    expect(ids(scheduleKeys(keys, takeover + retention).published)).toEqual(['k50']);
  });

  it('keeps every key that signed while its tokens can live, and only those', () => {
    let keys: ScheduledKey[] = [key('k0', 0)];
    // Each rotation comes after the previous key activated: every key signs for a while.
    for (let i = 1; i <= 4; i++) keys = rotate(keys, `k${i}`, i * (lead + 1000), lead, retention);
    const lastActivation = 4 * (lead + 1000) + lead;
    expect(scheduleKeys(keys, lastActivation).signing?.id).toBe('k4');
    expect(ids(scheduleKeys(keys, lastActivation).published)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    // k3 stopped signing when k4 activated: it outlives the others by their spacing.
    expect(ids(scheduleKeys(keys, lastActivation + retention - 1).published)).toEqual(['k3', 'k4']);
    expect(ids(scheduleKeys(keys, lastActivation + retention).published)).toEqual(['k4']);
  });

  it('retires the current key at the new activation plus the retention, even when it was given an expiry before', () => {
    const keys = [key('k0', 0, 5_000_000), key('k1', 2_000_000)];
    const plan = planRotation(keys, 1000, 0, retention);
    expect(plan.remove).toEqual(['k1']);
    expect(plan.expire).toEqual([{ id: 'k0', expiresAt: 1000 + retention }]);
  });

  it('treats a key activating within the clock-skew margin as signing, not as unused', () => {
    const plan = planRotation([key('k0', 0), key('k1', 3000)], 1000, lead, retention);
    expect(plan.remove).toEqual([]);
    expect(plan.expire.map((e) => e.id).sort()).toEqual(['k0', 'k1']);
  });

  it('leaves keys that stopped signing earlier with their own expiry', () => {
    const plan = planRotation([key('old', 0, 9_000_000), key('cur', 1000)], 5000, lead, retention);
    expect(plan.expire).toEqual([{ id: 'cur', expiresAt: 5000 + lead + retention }]);
    expect(plan.remove).toEqual([]);
  });
});

describe('key retention', () => {
  it.each([
    ['the ID token when access tokens are shorter', [600], 300, (ID_TOKEN_TTL_SECONDS + 300 + 60) * 1000],
    ['the longest access token', [600, 86_400, 3600], 300, (86_400 + 300 + 60) * 1000],
    ['the JWKS max-age on top', [7200], 86_400, (7200 + 86_400 + 60) * 1000],
  ])('covers %s', (_, ttls, maxAge, expected) => {
    expect(keyRetentionMs({ accessTokenTtls: ttls, jwksMaxAgeSeconds: maxAge })).toBe(expected);
  });
});
