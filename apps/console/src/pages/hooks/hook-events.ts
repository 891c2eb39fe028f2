import type { HookEventName } from '@gatehouse/client/dto';

/** Every webhook event, grouped for the picker. Typed against the SDK's HookEventName below. */
export const HOOK_EVENT_GROUPS = [
  { label: 'Sign-in and registration', events: ['PostRegister', 'PostSignIn', 'PostResetPassword', 'Identifier.Lockout'] },
  {
    label: 'Users',
    events: ['User.Created', 'User.Deleted', 'User.Data.Updated', 'User.SuspensionStatus.Updated', 'User.Roles.Updated'],
  },
  {
    label: 'Roles and permissions',
    events: [
      'Role.Created',
      'Role.Deleted',
      'Role.Data.Updated',
      'Role.Scopes.Updated',
      'Scope.Created',
      'Scope.Deleted',
      'Scope.Data.Updated',
    ],
  },
  {
    label: 'Organizations',
    events: [
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
    ],
  },
  { label: 'Keys and tokens', events: ['SigningKey.Rotated', 'JwtCustomizer.Updated'] },
] as const satisfies ReadonlyArray<{ label: string; events: readonly HookEventName[] }>;

type Listed = (typeof HOOK_EVENT_GROUPS)[number]['events'][number];
// A compile error here means the SDK gained an event the picker does not offer.
const everyEventListed: [Exclude<HookEventName, Listed>] extends [never] ? true : false = true;
void everyEventListed;
