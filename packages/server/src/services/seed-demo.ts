import { randomBytes } from 'node:crypto';
import { findApplicationById } from '../storage/repositories/applications.ts';
import { findResourceByIndicator } from '../storage/repositories/resources.ts';
import { findRoleByName } from '../storage/repositories/roles.ts';
import { findUserByUsername } from '../storage/repositories/users.ts';
import { createApplication } from './applications.ts';
import type { ServiceDeps } from './deps.ts';
import { createResource, createScope, listScopes } from './resources.ts';
import { assignRolesToHolder } from './role-assignments.ts';
import { addRoleScopes, createRole } from './roles.ts';
import { createUser, setUserPassword } from './users.ts';

const DEMO = {
  resource: 'https://hasura.example.com/api',
  scopes: [
    { name: 'read:user', description: 'Read users', role: 'user:reader' },
    { name: 'maintain:user', description: 'Create, update and delete users', role: 'user:maintainer' },
  ],
  username: 'demo',
  appId: 'hasura-demo-spa',
  redirectUri: 'http://localhost:5173/callback',
} as const;

export interface DemoSeed {
  resource: { id: string; indicator: string };
  roles: Array<{ id: string; name: string; scope: string }>;
  user: { id: string; username: string; password: string };
  app: { id: string; redirectUri: string };
  created: string[];
  existing: string[];
}

/**
 * Logto's Hasura guide as data: resource, two scopes, one role per scope, a demo user
 * holding both, a SPA app. Idempotent: what exists is kept; the demo password is reset and
 * printed each time (it is never stored in clear).
 */
export async function seedDemo(deps: ServiceDeps, options: { resource?: string } = {}): Promise<DemoSeed> {
  const indicator = options.resource ?? DEMO.resource;
  const created: string[] = [];
  const existing: string[] = [];
  let resource = await findResourceByIndicator(deps.db, indicator);
  if (resource) existing.push(`resource ${indicator}`);
  else {
    await createResource(deps, { name: 'Hasura', indicator });
    resource = (await findResourceByIndicator(deps.db, indicator))!;
    created.push(`resource ${indicator}`);
  }
  const scopes = (await listScopes(deps, resource.id, { limit: 1000, offset: 0 })).items;
  const roles: DemoSeed['roles'] = [];
  for (const s of DEMO.scopes) {
    let scope = scopes.find((x) => x.name === s.name);
    if (scope) existing.push(`scope ${s.name}`);
    else {
      scope = await createScope(deps, resource.id, { name: s.name, description: s.description });
      created.push(`scope ${s.name}`);
    }
    let role = await findRoleByName(deps.db, s.role);
    if (role) existing.push(`role ${s.role}`);
    else {
      await createRole(deps, { name: s.role, description: `Hasura role ${s.role}`, type: 'User' });
      role = (await findRoleByName(deps.db, s.role))!;
      created.push(`role ${s.role}`);
    }
    await addRoleScopes(deps, role.id, [scope.id]);
    roles.push({ id: role.id, name: s.role, scope: s.name });
  }
  const password = randomBytes(12).toString('base64url');
  let user = await findUserByUsername(deps.db, DEMO.username);
  if (user) {
    existing.push(`user ${DEMO.username}`);
    await setUserPassword(deps, user.id, password);
  } else {
    await createUser(deps, { username: DEMO.username, name: 'Demo User', primaryEmail: 'demo@example.com', password });
    user = (await findUserByUsername(deps.db, DEMO.username))!;
    created.push(`user ${DEMO.username}`);
  }
  await assignRolesToHolder(
    deps,
    'user',
    user.id,
    roles.map((r) => r.id),
  );
  if (await findApplicationById(deps.db, DEMO.appId)) existing.push(`application ${DEMO.appId}`);
  else {
    await createApplication(
      deps,
      {
        name: 'Hasura demo (SPA)',
        type: 'SPA',
        oidcClientMetadata: { redirectUris: [DEMO.redirectUri], postLogoutRedirectUris: ['http://localhost:5173/'] },
      },
      { id: DEMO.appId },
    );
    created.push(`application ${DEMO.appId}`);
  }
  return {
    resource: { id: resource.id, indicator },
    roles,
    user: { id: user.id, username: DEMO.username, password },
    app: { id: DEMO.appId, redirectUri: DEMO.redirectUri },
    created,
    existing,
  };
}
