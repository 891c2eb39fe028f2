import type { ChangeBus } from '../storage/change-bus.ts';
import type { Db } from '../storage/db.ts';
import { findUserById } from '../storage/repositories/users.ts';
import type { UserRow } from '../storage/schema.ts';
import { createChangeCache } from './change-cache.ts';

export interface UserDirectory {
  byId: (id: string) => Promise<UserRow | undefined>;
  close: () => void;
}

/**
 * User rows for oidc-provider's findAccount (every refresh and code exchange), dropped on any
 * user or RBAC change in any process, so a suspension or deletion takes effect at once.
 * `lastSignInAt` may lag (sign-in does not announce it): it is informational only.
 */
export function createUserDirectory(db: Db, changes: ChangeBus): UserDirectory {
  const cache = createChangeCache({ changes, topics: ['users', 'rbac'], load: (id) => findUserById(db, id) });
  return { byId: cache.get, close: cache.close };
}
