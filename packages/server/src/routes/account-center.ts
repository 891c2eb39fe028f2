import { getAccountCenter, updateAccountCenter } from '../services/account/index.ts';
import { AccountCenterResponse, AccountCenterUpdateBody } from './account-schemas.ts';
import type { RouteDeps } from './context.ts';

/** Logto's /api/account-center: whether the Account API is on, and which fields it may read or edit. */
export function accountCenterRoutes(deps: RouteDeps): void {
  const { router, registry } = deps;
  const tag = 'Account center';
  registry.add(
    router,
    { method: 'get', path: '/account-center', tag, summary: 'Get account center settings', response: AccountCenterResponse },
    () => getAccountCenter(deps),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/account-center',
      tag,
      summary: 'Update account center settings (each given key replaces the stored one)',
      body: AccountCenterUpdateBody,
      response: AccountCenterResponse,
    },
    ({ body }) => updateAccountCenter(deps, body),
  );
}
