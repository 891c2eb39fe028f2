import type { ResourceDto, ScopeDto } from '@gatehouse/client/dto';
import type { ApiClient } from '../../api/http.ts';

export interface ContextRole {
  id: string;
  name: string;
  description: string | null;
  scopes: Array<ScopeDto & { resource: { id: string; name: string; indicator: string } | null }>;
}

/** The scope claim a token for `indicator` would carry: what the roles grant for that resource. */
export function grantedScope(roles: ContextRole[], indicator: string | undefined): string {
  const names = new Set<string>();
  for (const role of roles) for (const s of role.scopes) if (s.resource?.indicator === indicator) names.add(s.name);
  return [...names].join(' ');
}

/** The sample token with the real holder and audience filled in. */
export function tokenFor(
  previous: Record<string, unknown>,
  holderId: string,
  resource: ResourceDto | undefined,
  roles: ContextRole[],
  machine: boolean,
) {
  return {
    ...previous,
    sub: holderId,
    ...(machine ? { client_id: holderId } : {}),
    ...(resource ? { aud: resource.indicator } : {}),
    scope: grantedScope(roles, resource?.indicator),
  };
}

type ServerContext = Record<string, unknown> & { user?: { roles?: ContextRole[] }; application?: { roles?: ContextRole[] } };

/**
 * The real `context` of a user or machine app, from the server's own builder
 * (GET /configs/jwt-customizer/context-sample): exactly what a script receives at issuance.
 */
export async function loadUserContext(api: ApiClient, userId: string) {
  const context = await api.get<ServerContext>('/configs/jwt-customizer/context-sample', { userId });
  return { holderId: userId, roles: context.user?.roles ?? [], context };
}

export async function loadApplicationContext(api: ApiClient, appId: string) {
  const context = await api.get<ServerContext>('/configs/jwt-customizer/context-sample', { applicationId: appId });
  return { holderId: appId, roles: context.application?.roles ?? [], context };
}

/** The claims of a real token the script sees (what it issued itself is left out). */
export function issuedTokenSample(claims: Record<string, unknown>): Record<string, unknown> {
  const keep = ['jti', 'iss', 'aud', 'iat', 'exp', 'sub', 'client_id', 'scope', 'act'];
  return Object.fromEntries(keep.filter((k) => claims[k] !== undefined).map((k) => [k, claims[k]]));
}
