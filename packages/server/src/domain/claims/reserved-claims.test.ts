import { describe, expect, it } from 'vitest';
import { mergeCustomClaims, reservedClaimNames } from './reserved-claims.ts';

const base = {
  iss: 'https://id.example.com',
  sub: 'user_1',
  aud: 'https://api',
  exp: 2,
  iat: 1,
  jti: 'j',
  scope: 'read',
  client_id: 'app',
};

describe('mergeCustomClaims', () => {
  it('adds custom claims beside the base payload', () => {
    expect(mergeCustomClaims(base, { tenant: 'acme', 'https://hasura.io/jwt/claims': { 'x-hasura-user-id': 'user_1' } })).toEqual({
      claims: { ...base, tenant: 'acme', 'https://hasura.io/jwt/claims': { 'x-hasura-user-id': 'user_1' } },
      dropped: [],
      unissuable: [],
    });
  });

  it('never overwrites the reserved claims and reports the dropped names', () => {
    const extra = { iss: 'evil', sub: 'admin', aud: 'other', exp: 9e9, iat: 0, nbf: 0, jti: 'x', scope: 'all', client_id: 'c', ok: 1 };
    const { claims, dropped } = mergeCustomClaims(base, extra);
    expect(claims).toEqual({ ...base, ok: 1 });
    expect(dropped).toEqual(['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'scope', 'client_id']);
  });

  it('does not let a script set a reserved claim the base lacks', () => {
    expect(mergeCustomClaims({ sub: 'user_1' }, { nbf: 0, cnf: { jkt: 'x' }, act: { sub: 'admin' } })).toEqual({
      claims: { sub: 'user_1' },
      dropped: ['nbf', 'cnf', 'act'],
      unissuable: [],
    });
  });

  it('covers the claims oidc-provider writes itself', () => {
    for (const name of ['cnf', 'authorization_details', 'client_id', 'scope']) expect(reservedClaimNames.has(name)).toBe(true);
  });

  it('drops __proto__ and never changes a prototype', () => {
    const extra = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c"}') as Record<string, unknown>;
    const { claims, dropped, unissuable } = mergeCustomClaims(base, extra);
    expect(dropped).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(claims)).toBe(Object.prototype);
    // An own `constructor` would make oidc-provider see a non-plain object: reported, not set.
    expect(unissuable).toEqual(['constructor']);
    expect(claims.constructor).toBe(Object);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves both inputs unchanged', () => {
    const extra = { tenant: 'acme' };
    const copy = { ...base };
    mergeCustomClaims(copy, extra);
    expect(copy).toEqual(base);
    expect(extra).toEqual({ tenant: 'acme' });
  });
});
