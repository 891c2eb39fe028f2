import type { ApplicationDto, ResourceDto, RoleDto, ScopeDto } from '@gatehouse/client/dto';
import { ApiError, type ApiClient } from '../../api/http.ts';
import { listAll, listPage } from '../../api/lists.ts';

export interface GuideState {
  resources: ResourceDto[];
  scopeCount: number;
  mappedRoles: RoleDto[];
  rolesHeld: number;
  /** The first of your apps that people sign in to (SPA, Native or Traditional), if any. */
  signInApp: ApplicationDto | undefined;
  /** undefined when the custom JWT endpoint could not be read (other than "none yet"). */
  claimsConfigured: boolean | undefined;
}

// Bounds keep the checklist cheap on large installations; the first matches are enough to tick a step.
const MAX_RESOURCES = 20;
const MAX_ROLES = 50;

/** Reads the real state behind Logto's Hasura guide from the Management API. */
export async function loadGuideState(api: ApiClient): Promise<GuideState> {
  const [allResources, allRoles, allApps] = await Promise.all([
    listAll<ResourceDto>(api, '/resources'),
    listAll<RoleDto>(api, '/roles'),
    listAll<ApplicationDto>(api, '/applications'),
  ]);
  const signInApp = allApps.find((a) => !a.isBuiltin && a.type !== 'MachineToMachine');
  const resources = allResources.filter((r) => !r.isBuiltin);
  const scopes = (
    await Promise.all(resources.slice(0, MAX_RESOURCES).map((r) => listAll<ScopeDto>(api, `/resources/${encodeURIComponent(r.id)}/scopes`)))
  ).flat();
  const scopeIds = new Set(scopes.map((s) => s.id));
  const roles = allRoles.filter((r) => !r.isBuiltin).slice(0, MAX_ROLES);
  const roleScopes = await Promise.all(roles.map((r) => api.get<ScopeDto[]>(`/roles/${encodeURIComponent(r.id)}/scopes`)));
  const mappedRoles = roles.filter((_, i) => roleScopes[i].some((s) => scopeIds.has(s.id)));
  const holders = await Promise.all(
    mappedRoles.map((r) =>
      r.type === 'User'
        ? listPage(api, `/roles/${encodeURIComponent(r.id)}/users`, { page_size: 1 })
        : listPage(api, `/roles/${encodeURIComponent(r.id)}/applications`, { page_size: 1 }),
    ),
  );
  let claimsConfigured: boolean | undefined;
  try {
    await api.get('/configs/jwt-customizer/access-token');
    claimsConfigured = true;
  } catch (e) {
    claimsConfigured = e instanceof ApiError && e.status === 404 ? false : undefined;
  }
  return {
    resources,
    scopeCount: scopes.length,
    mappedRoles,
    rolesHeld: holders.filter((h) => h.total > 0).length,
    signInApp,
    claimsConfigured,
  };
}
