/**
 * Wire types of webhooks (`/api/hooks`, Logto's shape) and the audit log (`/api/logs`,
 * Logto's `{ id, key, payload, createdAt }`). The server types its zod schemas against these.
 */

/**
 * The events a webhook can subscribe to: Logto's names, plus Gatehouse's own
 * `User.Roles.Updated`, `SigningKey.Rotated` and `JwtCustomizer.Updated`.
 *
 * @example
 * ```ts
 * const events: HookEventName[] = ['User.Created', 'PostSignIn'];
 * ```
 */
export type HookEventName =
  | 'PostRegister'
  | 'PostSignIn'
  | 'PostResetPassword'
  | 'User.Created'
  | 'User.Deleted'
  | 'User.Data.Updated'
  | 'User.SuspensionStatus.Updated'
  | 'User.Roles.Updated'
  | 'Role.Created'
  | 'Role.Deleted'
  | 'Role.Data.Updated'
  | 'Role.Scopes.Updated'
  | 'Scope.Created'
  | 'Scope.Deleted'
  | 'Scope.Data.Updated'
  | 'Organization.Created'
  | 'Organization.Deleted'
  | 'Organization.Data.Updated'
  | 'Organization.Membership.Updated'
  | 'OrganizationRole.Created'
  | 'OrganizationRole.Deleted'
  | 'OrganizationRole.Data.Updated'
  | 'OrganizationRole.Scopes.Updated'
  | 'OrganizationScope.Created'
  | 'OrganizationScope.Deleted'
  | 'OrganizationScope.Data.Updated'
  | 'Identifier.Lockout'
  | 'SigningKey.Rotated'
  | 'JwtCustomizer.Updated';

/**
 * A webhook, as `GET /api/hooks/:id` returns it. `signingKey` keys both signatures: the hex
 * HMAC-SHA256 `logto-signature-sha-256` (keyed with the whole string, as Logto) and the
 * Standard Webhooks `webhook-signature` (keyed with the base64 bytes after `whsec_`).
 *
 * @example
 * ```ts
 * const hook: HookDto = await (await fetch(`${endpoint}/api/hooks/${id}`, { headers })).json();
 * if (hook.failing) console.warn(`${hook.name} keeps failing since ${new Date(hook.failingSince!)}`);
 * ```
 */
export interface HookDto {
  id: string;
  name: string;
  events: HookEventName[];
  config: { url: string; headers?: Record<string, string> };
  signingKey: string;
  enabled: boolean;
  /** True while its deliveries keep failing (an attempt failed and none succeeded since). */
  failing: boolean;
  failingSince: number | null;
  createdAt: number;
}

/**
 * One audit log entry or webhook delivery (`GET /api/logs`, `GET /api/hooks/:id/recent-logs`).
 * Deliveries have the key `TriggerHook.<event>`; their payload holds `hookId`, `result`
 * (`Success`, `Error`, or `Pending` while retries remain), `response` and `attempts`.
 *
 * @example
 * ```ts
 * const logs: LogDto[] = await (await fetch(`${endpoint}/api/logs?userId=${userId}`, { headers })).json();
 * const removals = logs.filter((l) => l.key === 'User.Roles.Updated' && l.payload.removedRoleIds);
 * ```
 */
export interface LogDto {
  id: string;
  key: string;
  payload: Record<string, unknown>;
  createdAt: number;
}
