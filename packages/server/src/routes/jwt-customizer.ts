import type { HasuraClaimsFormat, JwtCustomizerDto, ScriptTestResultDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { mergeCustomClaims } from '../domain/claims/index.ts';
import { hasuraPresetScript, NAMESPACE_PATH } from '../domain/hasura/index.ts';
import type { ScriptLimitsInput, ScriptRunner } from '../sandbox/index.ts';
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
    .object({ USER_DEFAULT_ROLE_NAMES: z.string().max(4096).optional(), HASURA_UNAUTHORIZED_ROLE: z.string().max(256).optional() })
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
    async ({ body }) => {
      const result = await deps.runner.run(
        body.script,
        { token: body.token, context: body.context, environmentVariables: body.environmentVariables },
        deps.scriptLimits,
      );
      if (!result.ok) return { error: { message: result.message, line: result.line, column: result.column, kind: result.kind } };
      const { claims, dropped } = mergeCustomClaims({}, result.claims);
      return {
        claims,
        warnings: [...result.warnings, ...dropped.map((c) => `reserved claim "${c}" cannot be overwritten and was dropped`)],
      };
    },
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
    ({ params, body }) => putJwtCustomizer(deps, params.tokenType, body as JwtCustomizerConfig),
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
    ({ params, body }) => patchJwtCustomizer(deps, params.tokenType, body as Partial<JwtCustomizerConfig>),
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
    ({ params }) => deleteJwtCustomizer(deps, params.tokenType),
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
    ({ params, body }) => {
      const script = hasuraPresetScript({ format: body.format, tokenKind: params.tokenType === 'access-token' ? 'user' : 'machine' });
      const environmentVariables = Object.fromEntries(
        Object.entries(body.environmentVariables).filter(([, v]) => v !== undefined),
      ) as Record<string, string>;
      return putJwtCustomizer(deps, params.tokenType, {
        script,
        environmentVariables,
        onError: body.onError,
        preset: { name: 'hasura', resource: body.resource, format: body.format },
      });
    },
  );
}
