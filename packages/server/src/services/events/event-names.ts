import type { HookEventName } from '@gatehouse/client/dto';

/** Every event a webhook may subscribe to (Logto's names first, then Gatehouse's own). */
export const HOOK_EVENTS = [
  'PostRegister',
  'PostSignIn',
  'PostResetPassword',
  'User.Created',
  'User.Deleted',
  'User.Data.Updated',
  'User.SuspensionStatus.Updated',
  'Role.Created',
  'Role.Deleted',
  'Role.Data.Updated',
  'Role.Scopes.Updated',
  'Scope.Created',
  'Scope.Deleted',
  'Scope.Data.Updated',
  'Organization.Created',
  'Organization.Deleted',
  'Organization.Data.Updated',
  'Organization.Membership.Updated',
  'OrganizationRole.Created',
  'OrganizationRole.Deleted',
  'OrganizationRole.Data.Updated',
  'OrganizationRole.Scopes.Updated',
  'OrganizationScope.Created',
  'OrganizationScope.Deleted',
  'OrganizationScope.Data.Updated',
  'Identifier.Lockout',
  'User.Roles.Updated',
  'SigningKey.Rotated',
  'JwtCustomizer.Updated',
] as const satisfies readonly HookEventName[];

/** Interaction events carry Logto's interaction fields (userIp, user, sessionId, application). */
export const INTERACTION_EVENTS: ReadonlySet<string> = new Set(['PostRegister', 'PostSignIn', 'PostResetPassword']);

/**
 * Audit-only keys: changes Logto has no webhook event for, and authentication events (Logto's
 * log keys where it has one).
 */
export type AuditKey =
  | 'Application.Created'
  | 'Application.Deleted'
  | 'Application.Data.Updated'
  | 'Application.Secret.Rotated'
  | 'Application.Roles.Updated'
  | 'Resource.Created'
  | 'Resource.Deleted'
  | 'Resource.Data.Updated'
  | 'User.Password.Updated'
  | 'Role.Applications.Updated'
  | 'Hook.Created'
  | 'Hook.Deleted'
  | 'Hook.Data.Updated'
  | 'Hook.SigningKey.Rotated'
  | 'Hook.Delivery.Retried'
  | 'SignIn.Lockout.Cleared'
  | 'SubjectToken.Created'
  | 'Interaction.SignIn.Submit'
  | 'ExchangeTokenBy.AuthorizationCode'
  | 'ExchangeTokenBy.RefreshToken'
  | 'ExchangeTokenBy.ClientCredentials'
  | 'ExchangeTokenBy.TokenExchange'
  | 'ExchangeTokenBy.DeviceCode'
  | 'ExchangeTokenBy.Unknown'
  | 'RefreshToken.ReuseDetected'
  | 'RevokeToken'
  | 'RevokeGrants';

export type EventKey = HookEventName | AuditKey;

const hookEventSet: ReadonlySet<string> = new Set(HOOK_EVENTS);
export const isHookEvent = (key: string): key is HookEventName => hookEventSet.has(key);
