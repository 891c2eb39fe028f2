import type { LogDto } from '@gatehouse/client/dto';
import { NotFoundError } from '../../domain/errors.ts';
import type { Page, Paged } from '../../storage/repositories/pagination.ts';
import * as repo from '../../storage/repositories/logs.ts';
import type { LogRow } from '../../storage/schema.ts';
import type { ServiceDeps } from '../deps.ts';

function toLogDto(row: LogRow): LogDto {
  return { id: row.id, key: row.key, payload: JSON.parse(row.payload) as Record<string, unknown>, createdAt: row.createdAt };
}

export async function listLogs(deps: ServiceDeps, page: Page, filter: repo.LogFilter): Promise<Paged<LogDto>> {
  const [rows, total] = await Promise.all([repo.listLogs(deps.db, page, filter), repo.countLogs(deps.db, filter)]);
  return { items: rows.map(toLogDto), total };
}

export async function getLog(deps: ServiceDeps, id: string): Promise<LogDto> {
  const row = await repo.findLogById(deps.db, id);
  if (!row) throw new NotFoundError(`Log ${id} does not exist.`);
  return toLogDto(row);
}
