import type { UserLockoutDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { getAccountLock } from '../services/account-lock.ts';
import { unlockSignInTargets } from '../services/sign-in-lockout.ts';
import type { RouteDeps } from './context.ts';
import { IdParams } from './schemas.ts';

// Logto's manual unlock (POST, not DELETE, because it takes a body). 'App' is accepted for
// Logto clients; no application is ever locked here, so it has nothing to clear.
const SentinelActivitiesDeleteBody = z.object({
  targetType: z.enum(['User', 'App']).describe("'User' unlocks sign-in; 'App' is accepted and clears nothing"),
  targets: z
    .array(z.string().max(512))
    .max(100)
    .describe('User ids, usernames or emails (any case); each unlocks that account and the identifier as typed'),
});

const UserLockoutResponse: z.ZodType<UserLockoutDto> = z.object({
  locked: z.boolean().describe('Whether the next sign-in to this account is refused'),
  lockedUntil: z.number().int().nullable().describe('When the lock ends (epoch ms); null when not locked'),
});

export function sentinelActivityRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  // Logto has no read for its sentinel; the console needs one to show a lock and offer Unlock.
  registry.add(
    router,
    {
      method: 'get',
      path: '/users/:id/lockout',
      tag: 'Users',
      summary: 'Whether failed sign-ins have locked the user out, and until when',
      params: IdParams,
      response: UserLockoutResponse,
    },
    ({ params }) => getAccountLock(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/sentinel-activities/delete',
      tag: 'Sentinel activities',
      summary: 'Bulk delete sentinel activities: unlock accounts locked out by failed sign-ins',
      body: SentinelActivitiesDeleteBody,
      status: 204,
      response: z.undefined(),
    },
    async ({ body }) => {
      if (body.targetType === 'User') await unlockSignInTargets(deps, body.targets);
    },
  );
}
