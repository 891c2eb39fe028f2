import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { collectHasuraRoles, diagnose, jwksRefreshPlan, parseJwtSecret } from '../../domain/hasura-model/index.ts';
import { hasuraPresetScript } from '../../domain/hasura/index.ts';
import { createJwtCustomizerStore, putJwtCustomizer } from '../../services/jwt-customizer.ts';
import { hasuraJwtSecret } from '../../services/hasura-config.ts';
import { importHasuraRoles } from '../../services/hasura-import.ts';
import { readHasuraMetadataDirectory } from '../hasura-metadata-reader.ts';
import { UsageError, withServices, type CliIo } from '../context.ts';

function requireResource(value: string | undefined): string {
  if (!value) throw new UsageError('--resource <indicator> is required (e.g. --resource https://hasura.example.com/api)');
  return value;
}

export async function hasuraJwtSecretCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { resource: { type: 'string' } } });
  const resource = requireResource(values.resource);
  const secret = await withServices(io, async (deps) => {
    const store = createJwtCustomizerStore(deps);
    try {
      return await hasuraJwtSecret(deps, store, resource);
    } finally {
      store.close();
    }
  });
  io.out(JSON.stringify(secret));
  return 0;
}

export async function hasuraPresetEnable(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      resource: { type: 'string' },
      'default-roles': { type: 'string' },
      'unauthorized-role': { type: 'string' },
      format: { type: 'string' },
      machine: { type: 'boolean' },
    },
  });
  const resource = requireResource(values.resource);
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'stringified_json') throw new UsageError('--format must be json or stringified_json');
  const type = values.machine ? 'client-credentials' : 'access-token';
  await withServices(io, (deps) =>
    putJwtCustomizer(deps, type, {
      script: hasuraPresetScript({ format, tokenKind: values.machine ? 'machine' : 'user' }),
      environmentVariables: {
        ...(values['default-roles'] ? { USER_DEFAULT_ROLE_NAMES: values['default-roles'] } : {}),
        ...(values['unauthorized-role'] ? { HASURA_UNAUTHORIZED_ROLE: values['unauthorized-role'] } : {}),
      },
      onError: 'deny',
      preset: { name: 'hasura', resource, format },
    }),
  );
  io.out(`Hasura preset enabled for ${type} tokens of ${resource} (claims format ${format}).`);
  io.out('Point Hasura at Gatehouse with: gatehouse hasura jwt-secret --resource ' + resource);
  return 0;
}

export async function hasuraDoctor(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'jwt-secret': { type: 'string' },
      token: { type: 'string' },
      role: { type: 'string' },
      'unauthorized-role': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values['jwt-secret'] || !values.token)
    throw new UsageError("usage: gatehouse hasura doctor --jwt-secret '<json>' --token <jwt> [--role <r>] [--unauthorized-role <r>]");
  const parsed = parseJwtSecret(values['jwt-secret']);
  let jwks: unknown;
  if (parsed.ok && parsed.config.source.kind === 'jwk_url') {
    const url = parsed.config.source.url;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) {
        io.err(`Hasura would not start: Non-2xx response on fetching JWK from: ${url}`);
        return 2;
      }
      jwks = await res.json();
      const plan = jwksRefreshPlan(res.headers);
      if (plan.refreshAfterSeconds === null)
        io.err(`warning: ${url} sends no Cache-Control max-age or Expires; Hasura would never refresh it.`);
    } catch (error) {
      io.err(`Hasura would not start: Error fetching JWK: ${(error as Error).message}`);
      return 2;
    }
  }
  const result = await diagnose({
    jwtSecret: values['jwt-secret'],
    token: values.token,
    role: values.role,
    unauthorizedRole: values['unauthorized-role'],
    jwks,
  });
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else {
    io.out(`Hasura would ${result.verdict === 'accepted' ? 'ACCEPT' : 'REJECT'} this request.`);
    for (const check of result.checks) io.out(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.step}: ${check.detail}`);
    const h = result.hasura as { accepted?: boolean; status?: number; code?: string; message?: string; role?: string };
    if (h.accepted === false && h.code) io.out(`Hasura answers ${h.status} ${h.code}: ${h.message}`);
    if (h.accepted) io.out(`Role: ${h.role}`);
    if (result.fix) io.out(`Fix: ${result.fix}`);
  }
  return result.exitCode;
}

export async function hasuraImportRoles(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { resource: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  const resource = requireResource(values.resource);
  const source = positionals[0];
  if (!source)
    throw new UsageError('usage: gatehouse hasura import-roles <metadata.json | metadata directory> --resource <indicator> [--dry-run]');
  let metadata: unknown;
  try {
    metadata = (await stat(source)).isDirectory() ? await readHasuraMetadataDirectory(source) : JSON.parse(await readFile(source, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read Hasura metadata from ${source}: ${(error as Error).message}`);
  }
  const { roles } = collectHasuraRoles(metadata);
  const report = await withServices(io, (deps) => importHasuraRoles(deps, { resource, roles, dryRun: values['dry-run'] ?? false }));
  io.out(`${values['dry-run'] ? 'Would create' : 'Created'}: ${report.created.length ? report.created.join(', ') : 'nothing'}`);
  io.out(`Already there: ${report.existing.length ? report.existing.join(', ') : 'nothing'}`);
  return 0;
}
