import { hasuraJwtClaimLocation } from '../domain/hasura/index.ts';
import { NotFoundError } from '../domain/errors.ts';
import { findResourceByIndicator } from '../storage/repositories/resources.ts';
import type { ServiceDeps } from './deps.ts';
import type { JwtCustomizerStore } from './jwt-customizer.ts';

/**
 * The exact HASURA_GRAPHQL_JWT_SECRET for one resource: our JWKS URL, our issuer, the
 * resource as audience (without `audience`, a token minted for any other API signed by the
 * same keys would be accepted), and the claim location of the stored Hasura preset.
 */
export async function hasuraJwtSecret(deps: ServiceDeps, store: JwtCustomizerStore, resource: string) {
  if (!(await findResourceByIndicator(deps.db, resource))) {
    throw new NotFoundError(`No API resource has the indicator ${resource}. Create it first (or run gatehouse db seed-demo).`);
  }
  const preset = (await store.get('access-token'))?.preset;
  const format = preset && preset.resource === resource ? preset.format : 'json';
  return {
    jwk_url: `${deps.config.issuer}/jwks`,
    issuer: deps.config.issuer,
    audience: resource,
    ...hasuraJwtClaimLocation(format),
  };
}
