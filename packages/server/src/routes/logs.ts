import { z } from 'zod';
import * as service from '../services/events/audit-log.ts';
import type { RouteDeps } from './context.ts';
import { LogResponse } from './hooks.ts';
import { IdParams, pageOf } from './schemas.ts';

const epochMs = z.coerce.number().int().min(0);

const LogsQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    page_size: z.coerce.number().int().min(1).max(100).default(20),
    userId: z.string().min(1).max(128).optional().describe('The affected user'),
    applicationId: z.string().min(1).max(128).optional(),
    logKey: z.string().min(1).max(128).optional().describe('e.g. User.Roles.Updated, Interaction.SignIn.Submit'),
    start_time: epochMs.optional().describe('Entries at or after (epoch ms)'),
    end_time: epochMs.optional().describe('Entries at or before (epoch ms)'),
  })
  .refine((q) => q.start_time === undefined || q.end_time === undefined || q.start_time <= q.end_time, {
    message: 'start_time must not be after end_time',
    path: ['start_time'],
  });

/** Logto's audit log: every Management API change and authentication event, newest first. */
export function logRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Audit logs';
  registry.add(
    router,
    { method: 'get', path: '/logs', tag, summary: 'List audit log entries', query: LogsQuery, response: LogResponse, paged: true },
    ({ query }) =>
      service.listLogs(deps, pageOf(query), {
        userId: query.userId,
        applicationId: query.applicationId,
        logKey: query.logKey,
        startTime: query.start_time,
        endTime: query.end_time,
      }),
  );
  registry.add(
    router,
    { method: 'get', path: '/logs/:id', tag, summary: 'Get an audit log entry', params: IdParams, response: LogResponse },
    ({ params }) => service.getLog(deps, params.id),
  );
}
