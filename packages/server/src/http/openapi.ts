import { z } from 'zod';
import { operationIdOf } from './operation-id.ts';
import type { AnyRouteSpec } from './route.ts';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;

const problem = {
  description: 'An RFC 9457 problem document',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** Title and description of a document other than the Management API's (the Experience API's). */
interface DocumentInfo {
  title: string;
  description: string;
  /** How its operations are authorized (the Experience API: the interaction cookie). */
  securityScheme: { name: string; scheme: Record<string, unknown> };
}

const MANAGEMENT_API: DocumentInfo = {
  title: 'Gatehouse Management API',
  description:
    "Manage API resources, scopes, roles, users and applications. Field names follow Logto's Management API. " +
    'Every operation needs an access token for the resource `$ENDPOINT/api` with scope `all`.',
  securityScheme: { name: 'bearer', scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
};

/** OpenAPI 3.1 from the same zod schemas that validate requests and responses. */
export function buildOpenApi(
  specs: readonly AnyRouteSpec[],
  info: { endpoint: string; version: string },
  doc: DocumentInfo = MANAGEMENT_API,
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = `/api${spec.path}`.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', spec.params],
      ['query', spec.query],
    ] as const) {
      if (!schema) continue;
      const json = toSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
      for (const [name, prop] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          schema: prop,
          ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
        });
      }
    }
    const status = String(spec.status ?? 200);
    const responseSchema = spec.response ? toSchema(spec.response, 'output') : undefined;
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: spec.operationId ?? operationIdOf(spec.method, spec.path),
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.public ? { security: [] } : {}),
      parameters,
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input') } } } } : {}),
      responses: {
        [status]: {
          description: status === '204' ? 'No content' : 'Success',
          ...(spec.paged ? { headers: { 'Total-Number': { schema: { type: 'integer' }, description: 'Total number of items' } } } : {}),
          ...(responseSchema
            ? { content: { 'application/json': { schema: spec.paged ? { type: 'array', items: responseSchema } : responseSchema } } }
            : {}),
        },
        '400': problem,
        ...(spec.public ? {} : { '401': problem, '403': problem }),
        ...(spec.params ? { '404': problem } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: doc.title, version: info.version, license: { name: 'MIT', identifier: 'MIT' }, description: doc.description },
    servers: [{ url: info.endpoint }],
    security: [{ [doc.securityScheme.name]: [] }],
    paths,
    components: {
      securitySchemes: { [doc.securityScheme.name]: doc.securityScheme.scheme },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            instance: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
