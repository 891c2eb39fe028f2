import { hash } from 'node:crypto';
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import { TokenRejectedError } from '../domain/errors.ts';
import { SIGNING_ALGORITHMS } from '../domain/keys/algorithms.ts';

export interface VerifiedToken {
  sub: string;
  clientId: string | undefined;
  audiences: string[];
  /** The `scope` claim, split. */
  scopes: string[];
  /** The `organization_id` claim of an organization-scoped API token. */
  organizationId?: string;
  /** Seconds since the epoch. */
  exp: number;
}

/**
 * The one verifier of access tokens this server signed, used by the Management API guard
 * (http/require-token.ts) and the Hasura webhook; a refusal is a `TokenRejectedError`.
 * It remembers each verified token (by a SHA-256 of it, never the token itself) until it
 * expires, so a busy webhook pays for RSA once per token rather than once per request.
 * Failures are never cached.
 */
export function createTokenVerifier(input: { issuer: string; keys: () => JWTVerifyGetKey; maxEntries?: number }) {
  const maxEntries = input.maxEntries ?? 100_000;
  const cache = new Map<string, VerifiedToken>();

  const check = (v: VerifiedToken, audience: string, now: number): VerifiedToken => {
    if (v.exp <= now) throw new TokenRejectedError('expired', 'The access token has expired.');
    if (!v.audiences.includes(audience)) throw new TokenRejectedError('wrong_audience', `The access token is not for ${audience}.`);
    return v;
  };

  /** The remembered verdict, checked for expiry and audience (a refusal throws); undefined when not remembered. */
  const remembered = (key: string, audience: string, now: number): VerifiedToken | undefined => {
    const hit = cache.get(key);
    if (!hit) return undefined;
    if (hit.exp <= now) cache.delete(key);
    return check(hit, audience, now);
  };

  return {
    /**
     * `verify` without a promise when this token was verified before (the Hasura webhook's
     * steady state); undefined when it was not: then call `verify`. Refusals throw as there.
     */
    cached(token: string, audience: string, now = Math.floor(Date.now() / 1000)): VerifiedToken | undefined {
      return remembered(hash('sha256', token, 'base64url'), audience, now);
    },
    async verify(token: string, audience: string, now = Math.floor(Date.now() / 1000)): Promise<VerifiedToken> {
      const key = hash('sha256', token, 'base64url');
      const hit = remembered(key, audience, now);
      if (hit) return hit;
      let payload;
      try {
        ({ payload } = await jwtVerify(token, input.keys(), {
          issuer: input.issuer,
          typ: 'at+jwt',
          algorithms: [...SIGNING_ALGORITHMS],
          currentDate: new Date(now * 1000),
        }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ERR_JWT_EXPIRED') throw new TokenRejectedError('expired', 'The access token has expired.');
        throw new TokenRejectedError('invalid_token', 'The access token is not valid (signature, issuer or format).');
      }
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
        throw new TokenRejectedError('invalid_token', 'The access token has no subject or expiry.');
      }
      const verified: VerifiedToken = {
        sub: payload.sub,
        clientId: typeof payload.client_id === 'string' ? payload.client_id : undefined,
        audiences: typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [],
        scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
        exp: payload.exp,
        ...(typeof payload.organization_id === 'string' ? { organizationId: payload.organization_id } : {}),
      };
      if (cache.size >= maxEntries) {
        // Drop the oldest entries (insertion order): cheap, and expired ones go first in practice.
        for (const k of [...cache.keys()].slice(0, Math.ceil(maxEntries / 10))) cache.delete(k);
      }
      cache.set(key, verified);
      return check(verified, audience, now);
    },
    size: () => cache.size,
  };
}

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;
