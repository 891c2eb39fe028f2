import { ValidationError } from '../domain/errors.ts';
import { diagnose, parseJwtSecret, type Diagnosis } from '../domain/hasura-model/index.ts';
import type { OidcRuntime } from '../oidc/runtime.ts';
import type { ServiceDeps } from './deps.ts';

export interface DoctorInput {
  jwtSecret: string | Record<string, unknown>;
  token: string;
  role?: string;
  unauthorizedRole?: string;
}

/**
 * Hasura v2's decision for a token under a JWT secret, with the fix. A `jwk_url` secret is
 * checked against our own published keys only: a URL taken from a request is never fetched (SSRF).
 */
export async function diagnoseHasuraToken(
  deps: Pick<ServiceDeps, 'config'> & { oidc: OidcRuntime },
  input: DoctorInput,
): Promise<Diagnosis> {
  const parsed = parseJwtSecret(input.jwtSecret);
  let jwks: unknown;
  if (parsed.ok && parsed.config.source.kind === 'jwk_url') {
    const ours = `${deps.config.issuer}/jwks`;
    if (parsed.config.source.url !== ours) {
      throw new ValidationError(
        `The doctor endpoint only checks secrets whose jwk_url is this server's (${ours}); use the CLI for others.`,
        [{ path: 'jwtSecret.jwk_url', message: `must be ${ours}` }],
      );
    }
    jwks = { keys: deps.oidc.keySet().published };
  }
  return await diagnose({
    jwtSecret: input.jwtSecret,
    token: input.token,
    role: input.role,
    unauthorizedRole: input.unauthorizedRole,
    jwks,
  });
}
