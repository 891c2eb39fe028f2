import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from './redact.ts';

describe('redact', () => {
  it('keeps field names but drops secret values at any depth', () => {
    expect(
      redact({
        name: 'x',
        password: 'hunter2',
        changes: { passwordHash: 'h', customData: { apiToken: 't', plain: 1 } },
        config: { url: 'https://a', headers: { authorization: 'Bearer s' } },
        list: [{ clientSecret: 's' }],
      }),
    ).toEqual({
      name: 'x',
      password: REDACTED,
      changes: { passwordHash: REDACTED, customData: { apiToken: REDACTED, plain: 1 } },
      config: { url: 'https://a', headers: REDACTED },
      list: [{ clientSecret: REDACTED }],
    });
  });

  it('keeps flags and ordinary fields whose names merely contain a secret word', () => {
    expect(redact({ hasPassword: true, description: 'd', isSuspended: false, tokenType: 'access-token' })).toEqual({
      hasPassword: true,
      description: 'd',
      isSuspended: false,
      tokenType: 'access-token',
    });
  });

  it('leaves null and absent values as they are', () => {
    expect(redact({ secret: null, name: null })).toEqual({ secret: null, name: null });
  });
});
