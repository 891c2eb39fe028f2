import type { ApplicationDto, ApplicationType } from '@gatehouse/client/dto';
import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError, ProtectedEntityError, ValidationError } from '../domain/errors.ts';
import type { Db } from '../storage/db.ts';
import { newId } from '../storage/ids.ts';
import * as repo from '../storage/repositories/applications.ts';
import { uriListColumn } from '../storage/repositories/json-columns.ts';
import type { Page, Paged } from '../storage/repositories/pagination.ts';
import { inTransaction } from '../storage/transaction.ts';
import type { ServiceDeps } from './deps.ts';
import { toApplicationDto } from './mappers.ts';
import { SYSTEM, type RequestFacts } from '../domain/request-facts.ts';
import { recordEvent } from './events/record-event.ts';

export interface ApplicationInput {
  name: string;
  description?: string | null;
  type: ApplicationType;
  oidcClientMetadata?: { redirectUris?: string[]; postLogoutRedirectUris?: string[] };
  customData?: Record<string, unknown>;
}

/** Confidential clients (with a secret) are the server-side ones. */
function hasSecret(type: string): boolean {
  return type === 'Traditional' || type === 'MachineToMachine';
}

function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are 256-bit random, so a single SHA-256 is a sound verifier (no stretching needed). */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export async function listApplications(deps: ServiceDeps, page: Page, search?: string): Promise<Paged<ApplicationDto>> {
  const [rows, total] = await Promise.all([repo.listApplications(deps.db, page, search), repo.countApplications(deps.db, search)]);
  return { items: rows.map((r) => toApplicationDto(r)), total };
}

async function requireApplication(db: Db, id: string) {
  const row = await repo.findApplicationById(db, id);
  if (!row) throw new NotFoundError(`Application ${id} does not exist.`);
  return row;
}

export async function getApplication(deps: ServiceDeps, id: string): Promise<ApplicationDto> {
  return toApplicationDto(await requireApplication(deps.db, id));
}

function checkRedirects(type: ApplicationType, redirectUris: string[]): void {
  if (type === 'MachineToMachine' && redirectUris.length > 0) {
    throw new ValidationError('Machine-to-machine applications have no redirect URIs.', [
      { path: 'oidcClientMetadata.redirectUris', message: 'must be empty for MachineToMachine' },
    ]);
  }
}

export async function createApplication(
  deps: ServiceDeps,
  input: ApplicationInput,
  options: { id?: string; secret?: string; builtin?: boolean } = {},
  facts: RequestFacts = SYSTEM,
): Promise<ApplicationDto> {
  const redirectUris = input.oidcClientMetadata?.redirectUris ?? [];
  checkRedirects(input.type, redirectUris);
  const id = options.id ?? newId();
  const secret = hasSecret(input.type) ? (options.secret ?? newClientSecret()) : undefined;
  const row = await inTransaction(deps.db, async (trx) => {
    await repo.insertApplication(trx, {
      id,
      name: input.name,
      description: input.description ?? null,
      type: input.type,
      secretHash: secret ? hashClientSecret(secret) : null,
      redirectUris: uriListColumn(redirectUris),
      postLogoutRedirectUris: uriListColumn(input.oidcClientMetadata?.postLogoutRedirectUris ?? []),
      customData: JSON.stringify(input.customData ?? {}),
      isBuiltin: options.builtin ? 1 : 0,
      createdAt: Date.now(),
    });
    const created = (await repo.findApplicationById(trx, id))!;
    // The DTO without its secret: the secret is shown once, in the response only.
    await recordEvent(trx, {
      key: 'Application.Created',
      facts,
      applicationId: id,
      details: { applicationId: id, data: toApplicationDto(created) },
    });
    return created;
  });
  await deps.changes.publish('applications');
  return toApplicationDto(row, secret);
}

export async function updateApplication(
  deps: ServiceDeps,
  id: string,
  patch: Partial<Omit<ApplicationInput, 'type'>>,
  facts: RequestFacts = SYSTEM,
): Promise<ApplicationDto> {
  const row = await inTransaction(deps.db, async (trx) => {
    const current = await requireApplication(trx, id);
    if (current.isBuiltin === 1) throw new ProtectedEntityError('Built-in applications cannot be changed.');
    const meta = patch.oidcClientMetadata;
    if (meta?.redirectUris) checkRedirects(current.type as ApplicationType, meta.redirectUris);
    await repo.updateApplication(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.customData !== undefined ? { customData: JSON.stringify(patch.customData) } : {}),
      ...(meta?.redirectUris ? { redirectUris: uriListColumn(meta.redirectUris) } : {}),
      ...(meta?.postLogoutRedirectUris ? { postLogoutRedirectUris: uriListColumn(meta.postLogoutRedirectUris) } : {}),
    });
    await recordEvent(trx, { key: 'Application.Data.Updated', facts, applicationId: id, details: { applicationId: id, changes: patch } });
    return (await repo.findApplicationById(trx, id))!;
  });
  await deps.changes.publish('applications');
  return toApplicationDto(row);
}

export async function rotateApplicationSecret(
  deps: ServiceDeps,
  id: string,
  secret = newClientSecret(),
  facts: RequestFacts = SYSTEM,
): Promise<ApplicationDto> {
  const current = await requireApplication(deps.db, id);
  if (!hasSecret(current.type)) throw new ValidationError(`${current.type} applications are public clients and have no secret.`);
  await inTransaction(deps.db, async (trx) => {
    await repo.updateApplication(trx, id, { secretHash: hashClientSecret(secret) });
    await recordEvent(trx, { key: 'Application.Secret.Rotated', facts, applicationId: id, details: { applicationId: id } });
  });
  await deps.changes.publish('applications');
  return toApplicationDto((await repo.findApplicationById(deps.db, id))!, secret);
}

export async function deleteApplication(deps: ServiceDeps, id: string, facts: RequestFacts = SYSTEM): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const current = await requireApplication(trx, id);
    if (current.isBuiltin === 1) throw new ProtectedEntityError('Built-in applications cannot be deleted.');
    await repo.deleteApplication(trx, id);
    await recordEvent(trx, { key: 'Application.Deleted', facts, applicationId: id, details: { applicationId: id, name: current.name } });
  });
  await deps.changes.publish('applications');
}
