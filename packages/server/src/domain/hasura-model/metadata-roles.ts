/**
 * The Hasura roles a metadata export mentions, for `gatehouse hasura import-roles` (one Gatehouse
 * role + one scope per Hasura role). Reads the JSON of `/v1/metadata` `export_metadata` (v3,
 * `sources[]`), the older v2 shape (top-level `tables`), or the `{ resource_version, metadata }`
 * envelope, and what `readHasuraMetadataDirectory` builds from a YAML export.
 *
 * Invariant: `admin` is Hasura's built-in role and is never reported.
 */
import { ValidationError } from '../errors.ts';

export interface HasuraRoles {
  /** Sorted, without `admin`. */
  roles: string[];
  /** For each role, where it appears, e.g. `table default.public.user: select`. */
  sources: Record<string, string[]>;
}

const TABLE_PERMISSIONS = ['select', 'insert', 'update', 'delete'] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** `public.user` for `{schema, name}`, `dataset.name` for BigQuery, `a.b` for array names. */
function qualifiedName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join('.');
  if (isObject(value)) {
    const prefix = text(value.schema) ?? text(value.dataset) ?? text(value.database);
    const name = text(value.name) ?? '?';
    return prefix ? `${prefix}.${name}` : name;
  }
  return '?';
}

export function collectHasuraRoles(metadata: unknown): HasuraRoles {
  let root = metadata;
  if (isObject(root) && isObject(root.metadata) && 'resource_version' in root) root = root.metadata;
  if (!isObject(root)) throw new ValidationError('a Hasura metadata export must be a JSON object');
  if (!Array.isArray(root.sources) && !Array.isArray(root.tables)) {
    throw new ValidationError('not a Hasura metadata export: expected "sources" (v3) or "tables" (v2)');
  }

  const sources = new Map<string, Set<string>>();
  const add = (role: unknown, where: string): void => {
    const name = text(role);
    if (!name || name === 'admin') return;
    if (!sources.has(name)) sources.set(name, new Set());
    sources.get(name)?.add(where);
  };
  const addPermissions = (permissions: unknown, where: string): void => {
    for (const permission of asArray(permissions)) if (isObject(permission)) add(permission.role, where);
  };
  const addTables = (tables: unknown, source: string): void => {
    for (const table of asArray(tables)) {
      if (!isObject(table)) continue;
      const name = `${source}${qualifiedName(table.table)}`;
      for (const kind of TABLE_PERMISSIONS) addPermissions(table[`${kind}_permissions`], `table ${name}: ${kind}`);
    }
  };
  const addFunctions = (functions: unknown, source: string): void => {
    for (const fn of asArray(functions)) {
      if (isObject(fn)) addPermissions(fn.permissions, `function ${source}${qualifiedName(fn.function)}: execute`);
    }
  };

  // v2 keeps one implicit database at the top level.
  addTables(root.tables, '');
  addFunctions(root.functions, '');
  for (const source of asArray(root.sources)) {
    if (!isObject(source)) continue;
    const prefix = `${text(source.name) ?? '?'}.`;
    addTables(source.tables, prefix);
    addFunctions(source.functions, prefix);
    for (const model of asArray(source.logical_models)) {
      if (isObject(model)) addPermissions(model.select_permissions, `logical model ${prefix}${text(model.name) ?? '?'}: select`);
    }
  }
  for (const action of asArray(root.actions)) {
    if (isObject(action)) addPermissions(action.permissions, `action ${text(action.name) ?? '?'}`);
  }
  for (const schema of asArray(root.remote_schemas)) {
    if (isObject(schema)) addPermissions(schema.permissions, `remote schema ${text(schema.name) ?? '?'}`);
  }
  for (const inherited of asArray(root.inherited_roles)) {
    if (!isObject(inherited)) continue;
    const name = text(inherited.role_name) ?? '?';
    add(inherited.role_name, `inherited role ${name}`);
    for (const member of asArray(inherited.role_set)) add(member, `inherited role ${name}: member`);
  }
  for (const entry of asArray(root.allowlist)) {
    if (!isObject(entry) || !isObject(entry.scope)) continue;
    for (const role of asArray(entry.scope.roles)) add(role, `allowlist ${text(entry.collection) ?? '?'}`);
  }
  if (isObject(root.graphql_schema_introspection)) {
    for (const role of asArray(root.graphql_schema_introspection.disabled_for_roles)) add(role, 'introspection disabled');
  }
  if (isObject(root.api_limits)) {
    for (const [limit, settings] of Object.entries(root.api_limits)) {
      if (!isObject(settings) || !isObject(settings.per_role)) continue;
      for (const role of Object.keys(settings.per_role)) add(role, `api limit ${limit}`);
    }
  }

  const roles = [...sources.keys()].sort();
  return { roles, sources: Object.fromEntries(roles.map((role) => [role, [...(sources.get(role) ?? [])]])) };
}
