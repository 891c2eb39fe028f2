import { createHmac } from 'node:crypto';
import type Koa from 'koa';
import { errorBlock, escapeHtml, page } from '../http/html.ts';
import { readForm } from '../http/body.ts';
import { checkSetupToken, completeSetup } from '../services/bootstrap.ts';
import { UserCreateBody } from './schemas.ts';
import type { RouteDeps } from './context.ts';

/** The one-time setup link printed at first start: creates the first console admin. */
export function setupRoutes(deps: RouteDeps & { csrfKey: string }): void {
  const { router } = deps;
  const csrf = (token: string) => createHmac('sha256', deps.csrfKey).update(`setup:${token}`).digest('base64url');
  const render = (ctx: Koa.Context, token: string, error?: string) => {
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = page(
      'Set up',
      `<h1>Create the admin account</h1><p>This link works once. The account can sign in to the console.</p>${errorBlock(error)}
<form method="post" action="/sign-in/setup"><input type="hidden" name="token" value="${escapeHtml(token)}"><input type="hidden" name="csrf" value="${csrf(token)}">
<label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password (at least 8 characters)</label><input id="password" name="password" type="password" autocomplete="new-password" required minlength="8">
<button type="submit">Create admin</button></form>`,
    );
  };
  const expired = (ctx: Koa.Context) => {
    ctx.status = 403;
    ctx.type = 'html';
    ctx.body = page(
      'Set up',
      '<h1>This setup link is not valid</h1><p>It was used already or has expired. Restart the server for a new one.</p>',
    );
  };

  router.get('/sign-in/setup', async function setupPage(ctx) {
    const token = String(ctx.query.token ?? '');
    if (!(await checkSetupToken(deps.db, token))) return expired(ctx);
    render(ctx, token);
  });

  router.post('/sign-in/setup', async function setupSubmit(ctx) {
    const form = await readForm(ctx);
    const token = form.token ?? '';
    if (!(await checkSetupToken(deps.db, token)) || form.csrf !== csrf(token)) return expired(ctx);
    const parsed = UserCreateBody.pick({ username: true, password: true }).required().safeParse(form);
    if (!parsed.success) {
      ctx.status = 400;
      return render(ctx, token, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    await completeSetup(deps, { username: parsed.data.username!, password: parsed.data.password });
    // Straight on to the console, whose sign-in page starts with the new username filled in:
    // the admin types the password once more (no session is minted outside the OIDC flow).
    ctx.status = 303;
    ctx.redirect(`/console?login_hint=${encodeURIComponent(parsed.data.username!)}`);
  });
}
