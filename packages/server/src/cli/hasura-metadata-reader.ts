/**
 * Reads the YAML directory written by `hasura metadata export` into the JSON shape of
 * `/v1/metadata export_metadata`, so `collectHasuraRoles` can read either.
 *
 * Hasura's CLI splits metadata with includes: `tables: "!include default/tables/tables.yaml"`
 * (a quoted string, as the CLI writes it) or `!include public_user.yaml` (a YAML tag, as people
 * write it by hand). Both resolve relative to the including file, and must stay inside the
 * metadata directory. Accepts the project directory (with `metadata/`) or `metadata/` itself.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { parse, type ScalarTag } from 'yaml';
import { ValidationError } from '../domain/errors.ts';

const INCLUDE = Symbol('hasura-include');
type IncludeRef = { [INCLUDE]: string };

const includeTag: ScalarTag = {
  tag: '!include',
  resolve: (value: string): IncludeRef => ({ [INCLUDE]: value.trim() }),
};

/** Top-level files of a config v3 export and the metadata key each one fills. */
const V3_FILES: Record<string, string> = {
  'remote_schemas.yaml': 'remote_schemas',
  'inherited_roles.yaml': 'inherited_roles',
  'query_collections.yaml': 'query_collections',
  'allow_list.yaml': 'allowlist',
  'rest_endpoints.yaml': 'rest_endpoints',
  'cron_triggers.yaml': 'cron_triggers',
  'api_limits.yaml': 'api_limits',
  'graphql_schema_introspection.yaml': 'graphql_schema_introspection',
  'network.yaml': 'network',
  'backend_configs.yaml': 'backend_configs',
  'opentelemetry.yaml': 'opentelemetry',
};

/** Config v2 kept one database at the top level. */
const V2_FILES: Record<string, string> = { ...V3_FILES, 'tables.yaml': 'tables', 'functions.yaml': 'functions' };

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

function includePath(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && INCLUDE in value) return (value as IncludeRef)[INCLUDE];
  if (typeof value === 'string') return /^!include\s+(.+)$/.exec(value.trim())?.[1]?.trim();
  return undefined;
}

class Loader {
  readonly root: string;
  private readonly loading = new Set<string>();
  constructor(root: string) {
    this.root = root;
  }

  async load(file: string): Promise<unknown> {
    const outside = relative(this.root, file);
    if (outside.startsWith('..') || isAbsolute(outside)) {
      throw new ValidationError(`the include ${file} points outside the metadata directory ${this.root}`);
    }
    if (this.loading.has(file)) throw new ValidationError(`the include ${file} includes itself`);
    this.loading.add(file);
    try {
      let document: unknown;
      try {
        document = parse(await readFile(file, 'utf8'), { customTags: [includeTag] });
      } catch (error) {
        throw new ValidationError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return await this.resolveIncludes(document, dirname(file));
    } finally {
      this.loading.delete(file);
    }
  }

  private async resolveIncludes(value: unknown, dir: string): Promise<unknown> {
    const include = includePath(value);
    if (include !== undefined) return this.load(resolve(dir, include));
    if (Array.isArray(value)) return Promise.all(value.map((item) => this.resolveIncludes(item, dir)));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = await this.resolveIncludes(item, dir);
      return out;
    }
    return value;
  }
}

/** Finds `metadata/` under a Hasura project directory, or takes `dir` as the metadata directory. */
async function metadataRoot(dir: string): Promise<string> {
  if (!(await isDirectory(dir))) throw new ValidationError(`${dir} is not a directory`);
  const looksLikeMetadata = async (path: string) =>
    (await exists(join(path, 'version.yaml'))) || (await isDirectory(join(path, 'databases'))) || (await exists(join(path, 'tables.yaml')));
  if (await looksLikeMetadata(dir)) return resolve(dir);
  const nested = join(dir, 'metadata');
  if (await isDirectory(nested)) return resolve(nested);
  throw new ValidationError(`${dir} is neither a Hasura project nor its metadata directory (no version.yaml, databases/ or metadata/)`);
}

export async function readHasuraMetadataDirectory(dir: string): Promise<Record<string, unknown>> {
  const root = await metadataRoot(dir);
  const loader = new Loader(root);
  const versionFile = join(root, 'version.yaml');
  const declared = (await exists(versionFile)) ? ((await loader.load(versionFile)) as { version?: unknown } | null)?.version : undefined;
  const version = declared === 2 || declared === 3 ? declared : (await exists(join(root, 'databases'))) ? 3 : 2;

  const metadata: Record<string, unknown> = { version };
  if (version === 3) {
    const databases = join(root, 'databases', 'databases.yaml');
    metadata.sources = (await exists(databases)) ? ((await loader.load(databases)) ?? []) : [];
  }
  const actionsFile = join(root, 'actions.yaml');
  if (await exists(actionsFile)) {
    const actions = (await loader.load(actionsFile)) as { actions?: unknown; custom_types?: unknown } | null;
    if (actions?.actions !== undefined) metadata.actions = actions.actions;
    if (actions?.custom_types !== undefined) metadata.custom_types = actions.custom_types;
  }
  for (const [file, key] of Object.entries(version === 3 ? V3_FILES : V2_FILES)) {
    const path = join(root, file);
    if (!(await exists(path))) continue;
    const value = await loader.load(path);
    if (value !== null && value !== undefined) metadata[key] = value;
  }
  return metadata;
}
