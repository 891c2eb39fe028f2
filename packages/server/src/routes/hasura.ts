import type { HasuraDoctorResultDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { hasuraJwtSecret } from '../services/hasura-config.ts';
import { diagnoseHasuraToken } from '../services/hasura-doctor.ts';
import type { JwtCustomizerStore } from '../services/jwt-customizer.ts';
import type { RouteDeps } from './context.ts';

const JwtSecretResponse = z.record(z.string(), z.unknown()).describe('The HASURA_GRAPHQL_JWT_SECRET value, as JSON');
const DoctorResponse: z.ZodType<HasuraDoctorResultDto> = z.object({
  verdict: z.enum(['accepted', 'rejected']),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]).describe('The CLI exit code: 0 accepted, 1 rejected, 2 unusable secret'),
  hasura: z.record(z.string(), z.unknown()).describe("Hasura's session variables, or the error it would answer with"),
  checks: z.array(z.object({ step: z.string(), ok: z.boolean(), detail: z.string() })),
  fix: z.string().optional().describe('The fix in Gatehouse terms, when rejected'),
  notes: z.array(z.string()),
});
const DoctorBody = z.object({
  jwtSecret: z.union([z.string().min(2), z.record(z.string(), z.unknown())]),
  token: z
    .string()
    .min(1)
    .max(64 * 1024),
  role: z.string().max(256).optional(),
  unauthorizedRole: z.string().max(256).optional(),
});

export function hasuraRoutes(deps: RouteDeps & { jwtCustomizers: JwtCustomizerStore }): void {
  const { router, registry } = deps;
  const tag = 'Hasura';
  registry.add(
    router,
    {
      method: 'get',
      path: '/hasura/jwt-secret',
      tag,
      summary: 'The exact HASURA_GRAPHQL_JWT_SECRET value for a resource',
      query: z.object({ resource: z.string().url('must be the API resource indicator') }),
      response: JwtSecretResponse,
    },
    ({ query }) => hasuraJwtSecret(deps, deps.jwtCustomizers, query.resource),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/hasura/doctor',
      tag,
      summary: "Predict Hasura v2's decision for a token under a JWT secret, with the fix",
      body: DoctorBody,
      response: DoctorResponse,
    },
    ({ body }) => diagnoseHasuraToken(deps, body),
  );
}
