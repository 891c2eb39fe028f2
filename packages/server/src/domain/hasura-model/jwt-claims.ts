/**
 * From a verified claims set to Hasura's role and session (HASURA.md §3.7–3.11):
 * locate the Hasura claims (namespace, namespace path or claims_map), check the role claims in
 * order, select the role, then check that every session variable is a string.
 *
 * Invariant: the string check on session variables runs after the role check, as in Hasura,
 * so a bad `x-hasura-user-id` is reported only for a request whose role is allowed.
 */
import type { ClaimsMapValue } from './claims-map-config.ts';
import { roleListError, roleNameError } from './claims-map-config.ts';
import { type ClaimsSet, reencodeClaimsSet } from './claims-set.ts';
import { aesonMismatch, aesonTypeName, type HasuraRejected, reject } from './errors.ts';
import { encodeJsonPath, executeJsonPath } from './json-path.ts';
import type { JwtClaimsConfig } from './jwt-config.ts';
import { finishSession } from './request-headers.ts';
import type { Tracer } from './trace.ts';

export type ClaimsResult = { ok: true; role: string; session: Record<string, string> } | { ok: false; decision: HasuraRejected };

const ALLOWED = 'x-hasura-allowed-roles';
const DEFAULT = 'x-hasura-default-role';

const invalidClaims = (message: string, step: HasuraRejected['step'] = 'claims'): ClaimsResult => ({
  ok: false,
  decision: reject(400, 'jwt-invalid-claims', message, step),
});
const missingRoleClaim = (claim: string, step: HasuraRejected['step']): ClaimsResult => ({
  ok: false,
  decision: reject(400, 'jwt-missing-role-claims', `JWT claim does not contain ${claim}`, step),
});

type Located = { ok: true; claims: Map<string, unknown> } | { ok: false; result: ClaimsResult };

function locateNamespace(config: Exclude<JwtClaimsConfig, { mode: 'map' }>, claims: ClaimsSet, tracer: Tracer): Located {
  const where =
    config.mode === 'namespace' ? `claims_namespace ${config.namespace}` : `claims_namespace_path ${encodeJsonPath(config.path)}`;
  const found =
    config.mode === 'namespace'
      ? Object.prototype.hasOwnProperty.call(claims.unregistered, config.namespace)
        ? { found: true as const, value: claims.unregistered[config.namespace] }
        : { found: false as const }
      : executeJsonPath(config.path, claims.unregistered);
  if (!found.found) {
    const message =
      config.mode === 'namespace'
        ? `claims key: '${config.namespace}' not found`
        : `claims not found at claims_namespace_path: '${encodeJsonPath(config.path)}'`;
    return { ok: false, result: invalidClaims(message) };
  }
  let object: unknown = found.value;
  if (config.format === 'stringified_json') {
    if (typeof object !== 'string')
      return { ok: false, result: invalidClaims('expecting a string when claims_format is stringified_json') };
    const text = object;
    try {
      object = JSON.parse(text);
    } catch {
      object = undefined;
    }
    if (object === null || typeof object !== 'object' || Array.isArray(object)) {
      return { ok: false, result: invalidClaims(`expecting stringified json at: '${where}', but found: ${text}`) };
    }
  } else if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    return { ok: false, result: invalidClaims('expecting a json object when claims_format is json') };
  }
  // Only x-hasura-* keys survive, names lower-cased; a later duplicate wins as in a HashMap.
  const hasura = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object as Record<string, unknown>)) {
    if (key.toLowerCase().startsWith('x-hasura-')) hasura.set(key.toLowerCase(), value);
  }
  tracer.pass('claims', `found the Hasura claims at ${where} (${config.format}): ${[...hasura.keys()].join(', ') || 'no x-hasura-* keys'}`);
  return { ok: true, claims: hasura };
}

function lookupMapped<T>(value: ClaimsMapValue<T>, document: unknown): { found: true; value: unknown } | { found: false } {
  if (value.kind === 'literal') return { found: true, value: value.value };
  const found = executeJsonPath(value.path, document);
  if (found.found) return found;
  return value.default !== undefined ? { found: true, value: value.default } : { found: false };
}

function locateMapped(config: Extract<JwtClaimsConfig, { mode: 'map' }>, claims: ClaimsSet, tracer: Tracer): Located {
  const document = reencodeClaimsSet(claims);
  const { allowedRoles, defaultRole, variables } = config.map;
  const allowed = lookupMapped(allowedRoles, document);
  if (!allowed.found) return { ok: false, result: missingRoleClaim(ALLOWED, 'allowed-roles') };
  const allowedProblem = roleListError(allowed.value);
  if (allowedProblem) {
    return { ok: false, result: invalidClaims(`invalid ${ALLOWED}; should be a list of roles: ${allowedProblem.detail}`, 'allowed-roles') };
  }
  const defaulted = lookupMapped(defaultRole, document);
  if (!defaulted.found) return { ok: false, result: missingRoleClaim(DEFAULT, 'default-role') };
  const defaultProblem = roleNameError(defaulted.value);
  if (defaultProblem)
    return { ok: false, result: invalidClaims(`invalid ${DEFAULT}; should be a role: ${defaultProblem}`, 'default-role') };

  const hasura = new Map<string, unknown>([
    [ALLOWED, allowed.value],
    [DEFAULT, defaulted.value],
  ]);
  for (const [name, mapped] of Object.entries(variables)) {
    const found = lookupMapped(mapped, document);
    if (!found.found) return { ok: false, result: invalidClaims(`JWT claim from claims_map, ${name} not found`) };
    hasura.set(name, found.value);
  }
  tracer.pass('claims', `claims_map resolved: ${[...hasura.keys()].join(', ')}`);
  return { ok: true, claims: hasura };
}

export function resolveHasuraClaims(
  config: JwtClaimsConfig,
  claims: ClaimsSet,
  roleHeader: string | undefined,
  tracer: Tracer,
): ClaimsResult {
  const located = config.mode === 'map' ? locateMapped(config, claims, tracer) : locateNamespace(config, claims, tracer);
  if (!located.ok) return located.result;
  const hasura = located.claims;

  // §3.9: allowed roles, then default role; the first failure wins.
  if (!hasura.has(ALLOWED)) return missingRoleClaim(ALLOWED, 'allowed-roles');
  const allowedRoles = hasura.get(ALLOWED);
  const allowedProblem = roleListError(allowedRoles);
  if (allowedProblem) return invalidClaims(`invalid ${ALLOWED}; should be a list of roles: ${allowedProblem.detail}`, 'allowed-roles');
  const roles = allowedRoles as string[];
  tracer.facts.allowedRoles = roles;
  tracer.pass('allowed-roles', `x-hasura-allowed-roles: ${JSON.stringify(roles)}`);
  if (!hasura.has(DEFAULT)) return missingRoleClaim(DEFAULT, 'default-role');
  const defaultRole = hasura.get(DEFAULT);
  const defaultProblem = roleNameError(defaultRole);
  if (defaultProblem) return invalidClaims(`invalid ${DEFAULT}; should be a single role name: ${defaultProblem}`, 'default-role');
  tracer.facts.defaultRole = defaultRole as string;
  tracer.pass('default-role', `x-hasura-default-role: ${JSON.stringify(defaultRole)}`);

  // §3.10: exact, case-sensitive membership.
  const role = roleHeader ?? (defaultRole as string);
  tracer.facts.requestedRole = role;
  if (!roles.includes(role)) {
    return { ok: false, decision: reject(400, 'access-denied', 'Your requested role is not in allowed roles', 'requested-role') };
  }
  tracer.pass('requested-role', `${roleHeader === undefined ? 'default role' : 'x-hasura-role header'} ${JSON.stringify(role)} is allowed`);

  // §3.11: every other variable must be a JSON string. aeson walks an object in key order.
  const variables: Record<string, string> = {};
  const names = [...hasura.keys()].filter((name) => name !== ALLOWED && name !== DEFAULT).sort();
  for (const name of names) {
    const value = hasura.get(name);
    if (typeof value !== 'string') {
      tracer.facts.nonStringVariable = { name, type: aesonTypeName(value) };
      return invalidClaims(`x-hasura-* claims: ${aesonMismatch('Text', 'String', value)}`, 'session-variables');
    }
    variables[name] = value;
  }
  const session = finishSession(variables, role);
  tracer.pass('session-variables', `session: ${JSON.stringify(session)}`);
  return { ok: true, role, session };
}
