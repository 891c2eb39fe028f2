import type { HookDto, LogDto } from '@gatehouse/client/dto';
import { z } from 'zod';
import { HOOK_EVENTS } from '../services/events/event-names.ts';
import * as service from '../services/events/hooks.ts';
import type { RouteDeps } from './context.ts';
import { Id, IdParams, pageOf } from './schemas.ts';

const HookEvent = z.enum(HOOK_EVENTS);
const HookEvents = z.array(HookEvent).min(1, 'at least one event').max(HOOK_EVENTS.length);

const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/, 'must be an HTTP header name');
const HeaderValue = z
  .string()
  .max(4096)
  .regex(/^[^\r\n\0]*$/, 'must not contain line breaks or NUL');

const WebhookUrl = z
  .string()
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL without credentials');

const HookConfig = z.object({
  url: WebhookUrl,
  headers: z
    .record(HeaderName, HeaderValue)
    .refine((h) => Object.keys(h).length <= 20, 'at most 20 headers')
    .optional(),
});

const HookResponse: z.ZodType<HookDto> = z.object({
  id: z.string(),
  name: z.string(),
  events: z.array(HookEvent),
  config: z.object({ url: z.string(), headers: z.record(z.string(), z.string()).optional() }),
  signingKey: z.string(),
  enabled: z.boolean(),
  failing: z.boolean().describe('True while deliveries keep failing; cleared by the next success'),
  failingSince: z.number().nullable(),
  createdAt: z.number(),
});

export const LogResponse: z.ZodType<LogDto> = z.object({
  id: z.string(),
  key: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
});

const HookCreateBody = z.object({
  name: z.string().trim().min(1).max(256),
  events: HookEvents,
  config: HookConfig,
  enabled: z.boolean().optional(),
});

const HookUpdateBody = HookCreateBody.partial();

const HookTestBody = z.object({ events: HookEvents, config: HookConfig });

const PageOnly = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});

const RecentLogsQuery = PageOnly.extend({
  start_time: z.coerce.number().int().min(0).optional().describe('Only deliveries created at or after (epoch ms)'),
});

const DeliveryParams = z.object({ id: Id, logId: Id });

/** Logto's `/api/hooks`, plus manual redelivery of one delivery. */
export function hookRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Hooks';
  registry.add(
    router,
    { method: 'get', path: '/hooks', tag, summary: 'List webhooks', query: PageOnly, response: HookResponse, paged: true },
    ({ query }) => service.listHooks(deps, pageOf(query)),
  );
  registry.add(
    router,
    { method: 'post', path: '/hooks', tag, summary: 'Create a webhook', body: HookCreateBody, response: HookResponse, status: 201 },
    ({ body, facts }) => service.createHook(deps, body, facts),
  );
  registry.add(
    router,
    { method: 'get', path: '/hooks/:id', tag, summary: 'Get a webhook', params: IdParams, response: HookResponse },
    ({ params }) => service.getHook(deps, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/hooks/:id',
      tag,
      summary: 'Update a webhook',
      params: IdParams,
      body: HookUpdateBody,
      response: HookResponse,
    },
    ({ params, body, facts }) => service.updateHook(deps, params.id, body, facts),
  );
  registry.add(
    router,
    { method: 'delete', path: '/hooks/:id', tag, summary: 'Delete a webhook', params: IdParams, status: 204, response: z.undefined() },
    ({ params, facts }) => service.deleteHook(deps, params.id, facts),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/hooks/:id/test',
      operationId: 'CreateHookTest',
      tag,
      summary: 'Send signed sample events to a URL now (422 with the answer if it refuses)',
      params: IdParams,
      body: HookTestBody,
      status: 204,
      response: z.undefined(),
    },
    ({ params, body }) => service.testHook(deps, params.id, body),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/hooks/:id/signing-key',
      operationId: 'UpdateHookSigningKey',
      tag,
      summary: 'Replace the signing key',
      params: IdParams,
      response: HookResponse,
    },
    ({ params, facts }) => service.rotateHookSigningKey(deps, params.id, facts),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/hooks/:id/recent-logs',
      operationId: 'ListHookRecentLogs',
      tag,
      summary: 'List the deliveries of a webhook, newest first (key TriggerHook.<event>)',
      params: IdParams,
      query: RecentLogsQuery,
      response: LogResponse,
      paged: true,
    },
    ({ params, query }) => service.listHookDeliveries(deps, params.id, pageOf(query), query.start_time),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/hooks/:id/recent-logs/:logId/retry',
      operationId: 'RetryHookDelivery',
      tag,
      summary: 'Deliver one event again (same webhook-id, a fresh 24 h retry window)',
      params: DeliveryParams,
      status: 204,
      response: z.undefined(),
    },
    ({ params, facts }) => service.retryHookDelivery(deps, params.id, params.logId, facts),
  );
}
