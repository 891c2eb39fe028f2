import { z } from 'zod';
import { unlockSignInTargets } from '../services/sign-in-lockout.ts';
import type { RouteDeps } from './context.ts';

// Logto's manual unlock (POST, not DELETE, because it takes a body). 'App' is accepted for
// Logto clients; no application is ever locked here, so it has nothing to clear.
const SentinelActivitiesDeleteBody = z.object({
  targetType: z.enum(['User', 'App']).describe("'User' unlocks sign-in; 'App' is accepted and clears nothing"),
  targets: z
    .array(z.string().max(512))
    .max(100)
    .describe('User ids, usernames or emails (any case); each unlocks that account and the identifier as typed'),
});

export function sentinelActivityRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
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
