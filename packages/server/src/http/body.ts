import type Koa from 'koa';
import { PayloadTooLargeError, ValidationError } from '../domain/errors.ts';
import { assertCleanForm, assertCleanJson } from './input-checks.ts';

const LIMIT = 1024 * 1024;

/**
 * A body over the limit is answered 413 without reading the rest, so the connection is
 * closed after the reply: otherwise the unread bytes would be parsed as the next request on
 * the keep-alive socket, and the client would wait for an answer that never comes.
 */
function tooLarge(ctx: Koa.Context, limit: number): never {
  ctx.set('Connection', 'close');
  throw new PayloadTooLargeError(`The request body is larger than ${limit} bytes.`);
}

async function readBody(ctx: Koa.Context, limit: number): Promise<string> {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > limit) tooLarge(ctx, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) tooLarge(ctx, limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses JSON bodies of our API routes; malformed JSON is a 400 that says so. */
export async function readJson(ctx: Koa.Context): Promise<unknown> {
  if (ctx.state.jsonBody !== undefined) return ctx.state.jsonBody;
  const text = await readBody(ctx, LIMIT);
  if (text.trim() === '') return (ctx.state.jsonBody = undefined);
  if (!ctx.is('application/json', 'application/*+json')) {
    throw new ValidationError('The request body must be JSON (Content-Type: application/json).');
  }
  try {
    ctx.state.jsonBody = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  assertCleanJson(ctx.state.jsonBody);
  return ctx.state.jsonBody;
}

/** Parses an HTML form post (sign-in pages); a NUL in any field is a 400. */
export async function readForm(ctx: Koa.Context): Promise<Record<string, string>> {
  const form = new URLSearchParams(await readBody(ctx, 64 * 1024));
  assertCleanForm(form);
  return Object.fromEntries(form);
}
