import { NotFoundError } from '../domain/errors.ts';
import { findResourceByIndicator } from '../storage/repositories/resources.ts';
import { findRoleByName, listScopesOfRole } from '../storage/repositories/roles.ts';
import type { ServiceDeps } from './deps.ts';
import { createScope, listScopes } from './resources.ts';
import { addRoleScopes, createRole } from './roles.ts';

/**
 * One scope and one role per Hasura role, the guide's one-to-one mapping. Idempotent: a role
 * that already grants a scope of the resource is left as it is (it is mapped already);
 * otherwise the scope named after the role is created if needed and given to the role.
 */
export async function importHasuraRoles(deps: ServiceDeps, input: { resource: string; roles: string[]; dryRun: boolean }) {
  const resource = await findResourceByIndicator(deps.db, input.resource);
  if (!resource) throw new NotFoundError(`No API resource has the indicator ${input.resource}; create it first.`);
  const created: string[] = [];
  const existing: string[] = [];
  const scopes = new Map((await listScopes(deps, resource.id, { limit: 10_000, offset: 0 })).items.map((s) => [s.name, s]));
  for (const name of input.roles) {
    const role = await findRoleByName(deps.db, name);
    const mapped = role && (await listScopesOfRole(deps.db, role.id)).some((s) => s.resourceId === resource.id);
    if (role && mapped) {
      existing.push(`role ${name}`);
      continue;
    }
    let scope = scopes.get(name);
    if (scope) existing.push(`scope ${name}`);
    else {
      created.push(`scope ${name}`);
      if (!input.dryRun) scope = await createScope(deps, resource.id, { name, description: `Hasura role ${name}` });
    }
    if (role) {
      existing.push(`role ${name}`);
      if (!input.dryRun && scope) await addRoleScopes(deps, role.id, [scope.id]);
    } else {
      created.push(`role ${name}`);
      if (!input.dryRun)
        await createRole(deps, { name, description: `Hasura role ${name}`, type: 'User', scopeIds: scope ? [scope.id] : [] });
    }
  }
  return { created, existing };
}
