import type { ApplicationDto, ResourceDto, RoleDto, ScopeDto, UserDto } from '@gatehouse/client/dto';
import { ApiError, type ApiClient } from '../../api/http.ts';
import { listAll } from '../../api/lists.ts';

export interface ContextRole {
  id: string;
  name: string;
  description: string | null;
  scopes: Array<ScopeDto & { resource: { id: string; name: string; indicator: string } | null }>;
}

/** Roles with their scopes and each scope's resource, as the sandbox's `context` carries them. */
export function contextRoles(roles: RoleDto[], scopesByRole: ScopeDto[][], resources: ResourceDto[]): ContextRole[] {
  const byId = new Map(resources.map((r) => [r.id, r]));
  return roles.map((role, i) => ({
    id: role.id,
    name: role.name,
    description: role.description,
    scopes: (scopesByRole[i] ?? []).map((s) => {
      const r = byId.get(s.resourceId);
      return { ...s, resource: r ? { id: r.id, name: r.name, indicator: r.indicator } : null };
    }),
  }));
}

/** The scope claim a token for `indicator` would carry: what the roles grant for that resource. */
export function grantedScope(roles: ContextRole[], indicator: string | undefined): string {
  const names = new Set<string>();
  for (const role of roles) for (const s of role.scopes) if (s.resource?.indicator === indicator) names.add(s.name);
  return [...names].join(' ');
}

export function userContext(user: UserDto, roles: ContextRole[]) {
  return {
    user: {
      id: user.id,
      username: user.username,
      primaryEmail: user.primaryEmail,
      primaryPhone: user.primaryPhone,
      name: user.name,
      avatar: user.avatar,
      customData: user.customData,
      roles,
    },
    application: { id: 'sample-app-id', name: 'Sample SPA', type: 'SPA' },
    grant: { type: 'authorization_code' },
  };
}

export function applicationContext(app: ApplicationDto, roles: ContextRole[]) {
  return {
    application: { id: app.id, name: app.name, type: app.type, roles },
    grant: { type: 'client_credentials' },
  };
}

/** The sample token with the real holder and audience filled in. */
export function tokenFor(previous: Record<string, unknown>, holderId: string, resource: ResourceDto | undefined, roles: ContextRole[], machine: boolean) {
  return {
    ...previous,
    sub: holderId,
    ...(machine ? { client_id: holderId } : {}),
    ...(resource ? { aud: resource.indicator } : {}),
    scope: grantedScope(roles, resource?.indicator),
  };
}

async function rolesWithScopes(api: ApiClient, roles: RoleDto[]): Promise<ContextRole[]> {
  const [scopes, resources] = await Promise.all([
    Promise.all(roles.map((r) => api.get<ScopeDto[]>(`/roles/${encodeURIComponent(r.id)}/scopes`))),
    listAll<ResourceDto>(api, '/resources'),
  ]);
  return contextRoles(roles, scopes, resources);
}

/**
 * The server's own context builder (GET /configs/jwt-customizer/context-sample), exactly what
 * the sandbox receives; undefined when this server does not offer it.
 */
type ServerContext = Record<string, unknown> & { user?: { roles?: ContextRole[] }; application?: { roles?: ContextRole[] } };

async function serverContext(api: ApiClient, query: Record<string, string>): Promise<ServerContext | undefined> {
  try {
    return await api.get<ServerContext>('/configs/jwt-customizer/context-sample', query);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  }
}

/** The real `context` of a user: from the server, else built from GET /users/:id, its roles, their scopes and the resources. */
export async function loadUserContext(api: ApiClient, userId: string) {
  const fromServer = await serverContext(api, { userId });
  if (fromServer?.user) return { holderId: userId, roles: fromServer.user.roles ?? [], context: fromServer };
  const id = encodeURIComponent(userId);
  const [user, roles] = await Promise.all([api.get<UserDto>(`/users/${id}`), api.get<RoleDto[]>(`/users/${id}/roles`)]);
  const full = await rolesWithScopes(api, roles);
  return { holderId: user.id, roles: full, context: userContext(user, full) };
}

export async function loadApplicationContext(api: ApiClient, appId: string) {
  const fromServer = await serverContext(api, { applicationId: appId });
  if (fromServer?.application) return { holderId: appId, roles: fromServer.application.roles ?? [], context: fromServer };
  const id = encodeURIComponent(appId);
  const [app, roles] = await Promise.all([api.get<ApplicationDto>(`/applications/${id}`), api.get<RoleDto[]>(`/applications/${id}/roles`)]);
  const full = await rolesWithScopes(api, roles);
  return { holderId: app.id, roles: full, context: applicationContext(app, full) };
}
