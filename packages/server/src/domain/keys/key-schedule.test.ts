import { describe, expect, it } from 'vitest';
import { planRotation, scheduleKeys } from './key-schedule.ts';

const key = (id: string, activatesAt: number, expiresAt: number | null = null) => ({ id, activatesAt, expiresAt, createdAt: activatesAt });

describe('key schedule', () => {
  it('signs with the only key and publishes it', () => {
    const s = scheduleKeys([key('a', 0)], 10);
    expect(s.signing?.id).toBe('a');
    expect(s.published.map((k) => k.id)).toEqual(['a']);
    expect(s.nextChangeAt).toBeUndefined();
  });

  it('publishes a rotated-in key before it signs anything', () => {
    const { activatesAt, previousExpiresAt } = planRotation(100, 600, 3600);
    const keys = [key('old', 0, previousExpiresAt), key('new', activatesAt)];
    const before = scheduleKeys(keys, 200);
    expect(before.signing?.id).toBe('old');
    expect(before.published.map((k) => k.id).sort()).toEqual(['new', 'old']);
    expect(before.nextChangeAt).toBe(activatesAt);
  });

  it('switches signing at activation and keeps the old key published until its tokens expire', () => {
    const { activatesAt, previousExpiresAt } = planRotation(100, 600, 3600);
    const keys = [key('old', 0, previousExpiresAt), key('new', activatesAt)];
    const during = scheduleKeys(keys, activatesAt);
    expect(during.signing?.id).toBe('new');
    expect(during.published.map((k) => k.id)).toEqual(['new', 'old']);
    const after = scheduleKeys(keys, previousExpiresAt);
    expect(after.published.map((k) => k.id)).toEqual(['new']);
  });
});
