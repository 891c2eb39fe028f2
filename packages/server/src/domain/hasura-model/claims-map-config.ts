/**
 * `claims_map` in HASURA_GRAPHQL_JWT_SECRET (HASURA.md §2.9; Hasura `FromJSON JWTCustomClaimsMap`).
 * Each value is a literal or `{ "path": "<json path>", "default": <literal> }`.
 */
import { aesonKeyPath, aesonMismatch } from './errors.ts';
import { type JsonPath, parseJsonPath } from './json-path.ts';

export type ClaimsMapValue<T> = { kind: 'literal'; value: T } | { kind: 'path'; path: JsonPath; pathText: string; default?: T };

export interface ClaimsMapConfig {
  allowedRoles: ClaimsMapValue<string[]>;
  defaultRole: ClaimsMapValue<string>;
  /** Other session variables, names lower-cased as Hasura's `mkSessionVariable` does. */
  variables: Record<string, ClaimsMapValue<string>>;
}

export type ConfigFieldError = { message: string; path: string };
type Parsed<T> = { ok: true; value: T } | { ok: false; error: ConfigFieldError };

const ALLOWED_ROLES = 'x-hasura-allowed-roles';
const DEFAULT_ROLE = 'x-hasura-default-role';

/** Hasura's RoleName: a non-empty string (`NonEmptyText`, `withText "String"`). */
export function roleNameError(value: unknown): string | undefined {
  if (typeof value !== 'string') return aesonMismatch('String', 'String', value);
  return value === '' ? 'empty string not allowed' : undefined;
}

/** A `[RoleName]`: the aeson text and the element path of the first problem. */
export function roleListError(value: unknown): { detail: string; at: string } | undefined {
  if (!Array.isArray(value)) return { detail: aesonMismatch('[]', 'Array', value), at: '' };
  for (const [index, role] of value.entries()) {
    const detail = roleNameError(role);
    if (detail) return { detail, at: `[${index}]` };
  }
  return undefined;
}

const textError = (value: unknown): string | undefined => (typeof value === 'string' ? undefined : aesonMismatch('Text', 'String', value));

function parseValue<T>(
  raw: unknown,
  where: string,
  check: (value: unknown) => { detail: string; at: string } | undefined,
): Parsed<ClaimsMapValue<T>> {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const object = raw as Record<string, unknown>;
    if (object.path === undefined) return { ok: false, error: { message: 'key "path" not found', path: where } };
    if (typeof object.path !== 'string') {
      return { ok: false, error: { message: aesonMismatch('Text', 'String', object.path), path: `${where}.path` } };
    }
    const path = parseJsonPath(object.path);
    if (!path.ok) return { ok: false, error: { message: path.message, path: where } };
    if (object.default === undefined || object.default === null) {
      return { ok: true, value: { kind: 'path', path: path.path, pathText: object.path } };
    }
    const problem = check(object.default);
    if (problem) return { ok: false, error: { message: problem.detail, path: `${where}.default${problem.at}` } };
    return { ok: true, value: { kind: 'path', path: path.path, pathText: object.path, default: object.default as T } };
  }
  const problem = check(raw);
  if (problem) return { ok: false, error: { message: problem.detail, path: `${where}${problem.at}` } };
  return { ok: true, value: { kind: 'literal', value: raw as T } };
}

export function parseClaimsMap(raw: unknown): Parsed<ClaimsMapConfig> {
  const base = '$.claims_map';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, error: { message: aesonMismatch('JWTClaimsMap', 'Object', raw), path: base } };
  }
  const object = raw as Record<string, unknown>;
  // The two role keys are looked up exactly, lower-case (§2.9).
  if (!(ALLOWED_ROLES in object)) return { ok: false, error: { message: `${ALLOWED_ROLES} is expected but not found`, path: base } };
  const allowedRoles = parseValue<string[]>(object[ALLOWED_ROLES], base + aesonKeyPath(ALLOWED_ROLES), roleListError);
  if (!allowedRoles.ok) return allowedRoles;
  if (!(DEFAULT_ROLE in object)) return { ok: false, error: { message: `${DEFAULT_ROLE} is expected but not found`, path: base } };
  const defaultRole = parseValue<string>(object[DEFAULT_ROLE], base + aesonKeyPath(DEFAULT_ROLE), (value) => {
    const detail = roleNameError(value);
    return detail ? { detail, at: '' } : undefined;
  });
  if (!defaultRole.ok) return defaultRole;

  const variables: Record<string, ClaimsMapValue<string>> = {};
  for (const [name, value] of Object.entries(object)) {
    const lower = name.toLowerCase();
    // Hasura deletes the role keys as session variables, so any casing of them is dropped here.
    if (lower === ALLOWED_ROLES || lower === DEFAULT_ROLE) continue;
    const parsed = parseValue<string>(value, base + aesonKeyPath(name), (literal) => {
      const detail = textError(literal);
      return detail ? { detail, at: '' } : undefined;
    });
    if (!parsed.ok) return parsed;
    variables[lower] = parsed.value;
  }
  return { ok: true, value: { allowedRoles: allowedRoles.value, defaultRole: defaultRole.value, variables } };
}
