import type { RouteDeps } from './context.ts';
import { page } from '../http/html.ts';

/** `/`: what this server is and where to go from here (the console, the API docs, discovery). */
export function homeRoutes(deps: RouteDeps): void {
  deps.router.get('/', function home(ctx) {
    ctx.type = 'html';
    ctx.body = page(
      'Home',
      `<h1>Gatehouse</h1><p>An identity server: applications sign their users in here.</p>
<ul class="links">
<li><a href="/console">Admin console</a></li>
<li><a href="/api/docs">Management API documentation</a></li>
<li><a href="/oidc/.well-known/openid-configuration">OpenID Connect discovery</a></li>
</ul>`,
    );
  });
}
