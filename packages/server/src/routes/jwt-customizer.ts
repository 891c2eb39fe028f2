import type { HasuraClaimsFormat, JwtCustomizerDto, ScriptTestResultDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { hasuraPresetConfig, NAMESPACE_PATH } from '../domain/hasura/index.ts';
import type { ScriptLimitsInput, ScriptRunner } from '../sandbox/index.ts';
import { testClaimsScript } from '../services/claims-script-test.ts';
import { buildClaimsContext } from '../services/claims-context.ts';
import {
  deleteJwtCustomizer,
  getJwtCustomizer,
  patchJwtCustomizer,
  putJwtCustomizer,
  type JwtCustomizerConfig,
} from '../services/jwt-customizer.ts';
import type { RouteDeps } from './context.ts';

const TokenTypeParams = z.object({ tokenType: z.enum(['access-token', 'client-credentials']) });
const EnvVars = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name'), z.string().max(4096))
  .refine((v) => Object.keys(v).length <= 100, 'at most 100 variables');
const Script = z
  .string()
  .min(1, 'must not be empty')
  .max(64 * 1024, 'must be at most 64 KiB');
const Sample = z.record(z.string(), z.unknown());
// Typed against the SDK's DTOs, which the console uses: a wire change that forgets one side fails the build.
const ClaimsFormat: z.ZodType<HasuraClaimsFormat> = z.union([
  z.enum(['json', 'stringified_json']),
  z.object({ namespace: z.string().min(1).max(256) }),
  z.object({ namespacePath: z.string().regex(NAMESPACE_PATH, 'must be a dotted path like hasura.claims') }),
]);

const ConfigBody = z.object({
  script: Script,
  environmentVariables: EnvVars.default({}),
  contextSample: Sample.optional(),
  tokenSample: Sample.optional(),
  onError: z.enum(['deny', 'omit']).default('deny'),
});
const ConfigResponse: z.ZodType<JwtCustomizerDto> = ConfigBody.extend({
  preset: z.object({ name: z.literal('hasura'), resource: z.string(), format: ClaimsFormat }).optional(),
});

const TestBody = z.object({
  tokenType: z.enum(['access-token', 'client-credentials']),
  script: Script,
  environmentVariables: EnvVars.default({}),
  token: Sample.default({}),
  context: Sample.default({}),
});
const TestResponse: z.ZodType<ScriptTestResultDto> = z.union([
  z.object({ claims: z.record(z.string(), z.unknown()), warnings: z.array(z.string()) }),
  z.object({
    error: z.object({
      message: z.string(),
      line: z.number().optional(),
      column: z.number().optional(),
      kind: z.enum(['syntax', 'runtime', 'timeout', 'memory', 'output', 'denied', 'busy']),
    }),
  }),
]);

/** Exported for the console's rule tests (apps/console/test), which feed it the console's inputs. */
export const PresetBody = z.object({
  resource: z.string().url('must be the API resource indicator'),
  format: ClaimsFormat.default('json'),
  environmentVariables: z
    .object({
      USER_DEFAULT_ROLE_NAMES: z.string().max(4096).optional(),
      HASURA_UNAUTHORIZED_ROLE: z.string().max(256).optional(),
      HASURA_ORG_IDS: z
        .string()
        .max(16)
        .optional()
        .describe("'true': every token lists the holder's organizations as x-hasura-org-ids, a Postgres array literal such as {a,b}"),
    })
    .catchall(z.string().max(4096))
    .default({}),
  onError: z.enum(['deny', 'omit']).default('deny'),
});

export function jwtCustomizerRoutes(deps: RouteDeps & { runner: ScriptRunner; scriptLimits: ScriptLimitsInput }): void {
  const { router, registry } = deps;
  const tag = 'Custom JWT claims';
  const base = '/configs/jwt-customizer/:tokenType';

  // Fixed paths first: `:tokenType` would otherwise match them.
  registry.add(
    router,
    {
      method: 'post',
      path: '/configs/jwt-customizer/test',
      tag,
      summary: 'Run a script against a sample token and context without saving it',
      body: TestBody,
      response: TestResponse,
    },
    ({ body }) => testClaimsScript(deps, body),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/configs/jwt-customizer/context-sample',
      tag,
      summary: 'The context a script would receive for a real user (access-token) or machine app (client-credentials)',
      query: z
        .object({ userId: z.string().optional(), applicationId: z.string().optional() })
        .refine((q) => q.userId || q.applicationId, 'userId or applicationId is required'),
      response: Sample,
    },
    ({ query }) =>
      buildClaimsContext(
        deps.db,
        deps.access,
        deps.applications,
        query.userId
          ? { kind: 'user', userId: query.userId, applicationId: query.applicationId }
          : { kind: 'application', applicationId: query.applicationId },
      ),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: base,
      tag,
      summary: 'Get the custom claims script of a token type',
      params: TokenTypeParams,
      response: ConfigResponse,
    },
    ({ params }) => getJwtCustomizer(deps, params.tokenType),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: base,
      tag,
      summary: 'Store the custom claims script of a token type',
      params: TokenTypeParams,
      body: ConfigBody,
      response: ConfigResponse,
    },
    ({ params, body, facts }) => putJwtCustomizer(deps, params.tokenType, body as JwtCustomizerConfig, facts),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: base,
      tag,
      summary: 'Change part of the custom claims configuration',
      params: TokenTypeParams,
      body: ConfigBody.partial(),
      response: ConfigResponse,
    },
    ({ params, body, facts }) => patchJwtCustomizer(deps, params.tokenType, body as Partial<JwtCustomizerConfig>, facts),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: base,
      tag,
      summary: 'Remove the custom claims script of a token type',
      params: TokenTypeParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => deleteJwtCustomizer(deps, params.tokenType, facts),
  );

  registry.add(
    router,
    {
      method: 'put',
      path: `${base}/presets/hasura`,
      tag,
      summary: "Store the Hasura preset: x-hasura-* claims from the holder's roles for one resource",
      params: TokenTypeParams,
      body: PresetBody,
      response: ConfigResponse,
    },
    ({ params, body, facts }) =>
      putJwtCustomizer(deps, params.tokenType, hasuraPresetConfig(params.tokenType === 'access-token' ? 'user' : 'machine', body), facts),
  );
}
