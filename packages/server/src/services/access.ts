import { effectiveRoles, groupRoleScopes, type HolderKind, type RoleWithScopes } from '../domain/rbac/role-scopes.ts';
import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';
import { listRoleScopeRowsOfHolder } from '../storage/repositories/assignments.ts';

export interface AccessResolver {
  /** The holder's effective roles with their scopes, as the database says now. */
  rolesOf(kind: HolderKind, id: string): Promise<RoleWithScopes[]>;
  /** Whether the holder exists and may get tokens (users: not suspended). */
  isActive(kind: HolderKind, id: string): Promise<boolean>;
  close(): void;
}

/**
 * Role lookups for token issuance and the Hasura webhook, cached in memory and dropped on
 * every RBAC change announced on the change bus (LISTEN/NOTIFY across processes).
 * Invariant: a lookup that started before an invalidation never fills the cache afterwards
 * (the generation check), so a removed role can't come back from a slow in-flight query.
 */
export function createAccessResolver(db: Db, changes: ChangeBus, maxEntries = 50_000): AccessResolver {
  const cache = new Map<string, RoleWithScopes[]>();
  const active = new Map<string, boolean>();
  let generation = 0;
  const unsubscribe = changes.subscribe((topic) => {
    if (topic === 'rbac' || topic === 'resources' || topic === 'users' || topic === 'applications' || topic === '*') {
      generation += 1;
      cache.clear();
      active.clear();
    }
  });
  return {
    async rolesOf(kind, id) {
      const key = `${kind}:${id}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const started = generation;
      const roles = effectiveRoles(groupRoleScopes(await listRoleScopeRowsOfHolder(db, { kind, id })), kind);
      if (started === generation) {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
        cache.set(key, roles);
      }
      return roles;
    },
    async isActive(kind, id) {
      const key = `${kind}:${id}`;
      const hit = active.get(key);
      if (hit !== undefined) return hit;
      const started = generation;
      const ok =
        kind === 'user'
          ? (await db.selectFrom('users').select('isSuspended').where('id', '=', id).executeTakeFirst())?.isSuspended === 0
          : (await db.selectFrom('applications').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
      if (started === generation) {
        if (active.size >= maxEntries) active.delete(active.keys().next().value!);
        active.set(key, ok);
      }
      return ok;
    },
    close: unsubscribe,
  };
}
