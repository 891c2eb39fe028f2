import type { SubjectTokenDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { createSubjectToken } from '../services/subject-tokens.ts';
import type { RouteDeps } from './context.ts';
import { customData, Id } from './schemas.ts';

const SubjectTokenCreateBody = z.object({
  userId: Id.describe('The ID of the user to impersonate.'),
  context: customData.optional().describe('Additional context kept with the token (Logto: for custom JWT).'),
});

const SubjectTokenResponse: z.ZodType<SubjectTokenDto> = z.object({
  subjectToken: z.string().describe('Exchange it once at /oidc/token (grant_type urn:ietf:params:oauth:grant-type:token-exchange)'),
  expiresIn: z.number().int().describe('Seconds until it expires'),
});

/** Logto's impersonation: POST /subject-tokens, then the RFC 8693 grant (oidc/token-exchange.ts). */
export function subjectTokenRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  registry.add(
    router,
    {
      method: 'post',
      path: '/subject-tokens',
      tag: 'Subject tokens',
      summary: 'Create a subject token for impersonating a user (single use, 600 s; the exchanged token names you in `act`)',
      body: SubjectTokenCreateBody,
      status: 201,
      response: SubjectTokenResponse,
    },
    ({ body, facts }) => createSubjectToken(deps, body, facts),
  );
}
