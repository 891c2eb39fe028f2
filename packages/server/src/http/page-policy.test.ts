import Koa from 'koa';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { allowFormTargets, allowImageSources } from './page-policy.ts';

function contextWithPolicy(csp: string): Koa.Context {
  const req = new IncomingMessage(new Socket());
  const ctx = new Koa().createContext(req, new ServerResponse(req));
  ctx.set('Content-Security-Policy', csp);
  return ctx;
}

const base = "default-src 'none'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

describe('page policy source lists', () => {
  it('widens only img-src for logo origins', () => {
    const ctx = contextWithPolicy(base);
    allowImageSources(ctx, ['https://cdn.example.com/logo.svg']);
    const csp = ctx.response.get('Content-Security-Policy');
    expect(csp).toContain("img-src 'self' data: https://cdn.example.com");
    expect(csp).toContain("form-action 'self';");
  });

  it('widens only form-action for redirect targets, and refuses what is not a source', () => {
    const ctx = contextWithPolicy(base);
    allowFormTargets(ctx, ['https://app.example.com/callback', 'myapp://cb', "https://x.example.com'; script-src *", 42]);
    const csp = ctx.response.get('Content-Security-Policy');
    expect(csp).toContain("form-action 'self' https://app.example.com myapp:;");
    expect(csp).toContain("img-src 'self' data:;");
    expect(csp).not.toContain('script-src');
  });
});
