import type Router from '@koa/router';
import type Koa from 'koa';
import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../domain/errors.ts';
import type { RequestFacts } from '../domain/request-facts.ts';
import { readJson } from './body.ts';
import { requestFactsOf } from './request-facts.ts';

/**
 * One declaration per operation: the zod schemas validate the request (every issue listed
 * with its path), type the handler, and are the source of /api/openapi.json.
 */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** Overrides the derived OpenAPI operationId (see http/operation-id.ts). */
  operationId?: string;
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  /** 200 by default, 201 for creation, 204 for no content. */
  status?: 200 | 201 | 204;
  /** The handler returns `{ items, total }`; the body is the items and `Total-Number` the total. */
  paged?: boolean;
  /** No admin token needed (public operations). */
  public?: boolean;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  ctx: Koa.Context;
  /** Who asked, from where, through which operation: what events record (never Koa objects). */
  facts: RequestFacts;
}

export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

function zodIssues(error: z.ZodError, prefix: string): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.'),
    message: issue.message,
  }));
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): Out<T> {
  if (!schema) return undefined as Out<T>;
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = zodIssues(result.error, where === 'body' ? '' : where);
    throw new ValidationError(`Invalid ${where}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, issues);
  }
  return result.data as Out<T>;
}

/**
 * A handler's answer with a status other than the spec's, for Logto operations whose
 * refusal is not a problem document (check-password answers 400 `{ result: false, issues }`).
 */
export class Reply {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    this.status = status;
    this.body = body;
  }
}

export class RouteRegistry {
  readonly specs: AnyRouteSpec[] = [];

  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
    router: Router,
    spec: RouteSpec<P, Q, B, R>,
    handler: (input: RouteInput<Out<P>, Out<Q>, Out<B>>) => Promise<unknown>,
  ): void {
    this.specs.push(spec);
    router[spec.method](spec.path, async function route(ctx: Koa.Context) {
      const params = parse(spec.params, ctx.params, 'params');
      const query = parse(spec.query, ctx.query, 'query');
      const body = spec.body ? parse(spec.body, await readJson(ctx), 'body') : (undefined as Out<B>);
      const result = await handler({ params, query, body, ctx, facts: requestFactsOf(ctx, spec) });
      if (result instanceof Reply) {
        ctx.status = result.status;
        ctx.body = result.body;
        return;
      }
      ctx.status = spec.status ?? 200;
      if (spec.status === 204) return;
      if (spec.paged) {
        const { items, total } = result as { items: unknown[]; total: number };
        ctx.set('Total-Number', String(total));
        ctx.body = items;
      } else {
        // Koa turns an undefined body into 204; a 201 without a body stays a 201.
        ctx.body = result === undefined ? '' : result;
      }
    });
  }
}
