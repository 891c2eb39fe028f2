import { DEFAULT_CLAIMS_NAMESPACE } from '../hasura-model/jwt-config.ts';
import { postgresArrayLiteral } from './pg-array.ts';
import { hasuraPresetScript, parseNamespacePath, type HasuraPresetOptions } from './preset.ts';

/**
 * The built-in Hasura preset computed in-process. The stored preset script is our own code,
 * so while the admin has not edited it there is nothing to isolate: running it natively
 * gives the same claims (a test runs both on the same inputs) without a sandbox round trip
 * on every token. An edited script always runs in the sandbox.
 */
export type PresetOutcome = { ok: true; claims: Record<string, unknown> } | { ok: false; kind: 'denied'; message: string };

interface RoleLike {
  name?: unknown;
  scopes?: Array<{ resource?: { indicator?: unknown } }>;
}

export function hasuraPresetClaims(
  options: HasuraPresetOptions,
  input: { token: Record<string, unknown>; context: Record<string, unknown>; environmentVariables: Record<string, string> },
): PresetOutcome {
  const aud = input.token.aud;
  const audiences = (Array.isArray(aud) ? aud : [aud]).filter(Boolean);
  // An organization token is not for Hasura (see the script).
  if (audiences.length > 0 && audiences.every((a) => String(a).startsWith('urn:logto:organization:'))) return { ok: true, claims: {} };
  const holderName = options.tokenKind === 'machine' ? 'application' : 'user';
  const holder = input.context[holderName] as { id?: unknown; roles?: RoleLike[]; organizations?: Array<{ id?: unknown }> } | undefined;
  if (!holder) {
    return {
      ok: false,
      kind: 'denied',
      message: `This script expects ${holderName === 'user' ? 'a user' : 'an application'} in the token context`,
    };
  }
  const organization = input.context.organization as { id?: unknown; roles?: RoleLike[] } | undefined;
  const allowedRoles: string[] = [];
  for (const role of [...(holder.roles ?? []), ...(organization?.roles ?? [])]) {
    const grants = (role.scopes ?? []).some((scope) => audiences.includes(scope.resource?.indicator));
    if (role.name && grants && !allowedRoles.includes(role.name as string)) allowedRoles.push(role.name as string);
  }
  const env = input.environmentVariables;
  const preferred = (env.USER_DEFAULT_ROLE_NAMES ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  let defaultRole = preferred.find((name) => allowedRoles.includes(name)) ?? allowedRoles[0];
  if (allowedRoles.length === 0) {
    const unauthorizedRole = (env.HASURA_UNAUTHORIZED_ROLE ?? '').trim();
    if (!unauthorizedRole) {
      const resource = audiences.join(', ') || 'the requested API';
      return { ok: false, kind: 'denied', message: `The ${holderName} holds no role granting a scope of ${resource}` };
    }
    allowedRoles.push(unauthorizedRole);
    defaultRole = unauthorizedRole;
  }
  const claims: Record<string, unknown> = {
    'x-hasura-user-id': String(holder.id),
    'x-hasura-allowed-roles': allowedRoles,
    'x-hasura-default-role': defaultRole,
  };
  if (organization) claims['x-hasura-org-id'] = String(organization.id);
  if ((env.HASURA_ORG_IDS ?? '').trim() === 'true') {
    claims['x-hasura-org-ids'] = postgresArrayLiteral((holder.organizations ?? []).map((org) => String(org.id)));
  }
  const { format } = options;
  if (format === 'json') return { ok: true, claims: { [DEFAULT_CLAIMS_NAMESPACE]: claims } };
  if (format === 'stringified_json') return { ok: true, claims: { [DEFAULT_CLAIMS_NAMESPACE]: JSON.stringify(claims) } };
  if ('namespace' in format) return { ok: true, claims: { [format.namespace]: claims } };
  const nested = parseNamespacePath(format.namespacePath).reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), claims);
  return { ok: true, claims: nested as Record<string, unknown> };
}

const unedited = new WeakMap<object, HasuraPresetOptions | null>();

/**
 * The preset options when `config` holds the preset's script exactly as generated, else
 * undefined. Memoised per stored config object (the store hands out the same object until
 * the configuration changes).
 */
export function uneditedHasuraPreset(
  config: { script: string; preset?: { name: 'hasura'; format: HasuraPresetOptions['format'] } },
  tokenKind: HasuraPresetOptions['tokenKind'],
): HasuraPresetOptions | undefined {
  let options = unedited.get(config);
  if (options === undefined) {
    const candidate = config.preset ? { format: config.preset.format, tokenKind } : undefined;
    options = candidate && hasuraPresetScript(candidate) === config.script ? candidate : null;
    unedited.set(config, options);
  }
  return options ?? undefined;
}
