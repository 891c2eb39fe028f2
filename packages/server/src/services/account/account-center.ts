import { AccountCenterError } from '../../domain/errors.ts';
import { findSetting, upsertSetting } from '../../storage/repositories/settings.ts';
import type { ServiceDeps } from '../deps.ts';

/** Logto's AccountCenterControlValue. */
export const ACCOUNT_CENTER_CONTROLS = ['Off', 'ReadOnly', 'Edit'] as const;
type AccountCenterControl = (typeof ACCOUNT_CENTER_CONTROLS)[number];

/** Logto's account center fields; the ones this server has no feature for (phone, social, mfa, ...) stay Off in effect. */
export const ACCOUNT_CENTER_FIELDS = [
  'name',
  'avatar',
  'profile',
  'email',
  'phone',
  'password',
  'username',
  'social',
  'customData',
  'mfa',
  'passkey',
  'session',
  'trustedDevice',
] as const;
export type AccountCenterField = (typeof ACCOUNT_CENTER_FIELDS)[number];

/** Logto's `/api/account-center` document: a field not listed is Off. */
export interface AccountCenterSettings {
  id: 'default';
  enabled: boolean;
  fields: Partial<Record<AccountCenterField, AccountCenterControl>>;
}

/**
 * A new install's account center. Unlike Logto (disabled until an admin enables it), the
 * Account API is on with the fields this server supports editable: every change that matters
 * (password, email, sessions) still needs a fresh verification of the user.
 */
const DEFAULT_ACCOUNT_CENTER: AccountCenterSettings = {
  id: 'default',
  enabled: true,
  fields: {
    name: 'Edit',
    avatar: 'Edit',
    username: 'Edit',
    profile: 'Edit',
    email: 'Edit',
    password: 'Edit',
    session: 'Edit',
    mfa: 'Edit',
    social: 'Edit',
  },
};

const SETTING_KEY = 'account_center';

/** Read per request (one row): a change applies at once in every process. */
export async function getAccountCenter(deps: ServiceDeps): Promise<AccountCenterSettings> {
  const stored = await findSetting<Partial<AccountCenterSettings>>(deps.db, SETTING_KEY);
  return stored ? { ...DEFAULT_ACCOUNT_CENTER, ...stored, id: 'default' } : DEFAULT_ACCOUNT_CENTER;
}

/** Logto's PATCH: `enabled` and `fields` each replace what is stored when given. */
export async function updateAccountCenter(
  deps: ServiceDeps,
  patch: { enabled?: boolean; fields?: AccountCenterSettings['fields'] },
): Promise<AccountCenterSettings> {
  const current = await getAccountCenter(deps);
  const next: AccountCenterSettings = {
    id: 'default',
    enabled: patch.enabled ?? current.enabled,
    fields: patch.fields ?? current.fields,
  };
  await upsertSetting(deps.db, SETTING_KEY, { enabled: next.enabled, fields: next.fields });
  deps.logger.info({ event: 'account_center.updated', fields: Object.keys(patch) }, 'account center updated');
  return next;
}

export function requireEnabled(settings: AccountCenterSettings): void {
  if (!settings.enabled) throw new AccountCenterError('not_enabled', 'The account center is not enabled.');
}

/** The field may be changed through the Account API (Edit). */
export function requireEditable(settings: AccountCenterSettings, field: AccountCenterField): void {
  requireEnabled(settings);
  if (settings.fields[field] !== 'Edit') throw new AccountCenterError('field_not_editable', `The field ${field} is not editable.`);
}

/** The field may be read through the Account API (ReadOnly or Edit). */
export function requireReadable(settings: AccountCenterSettings, field: AccountCenterField): void {
  requireEnabled(settings);
  const control = settings.fields[field] ?? 'Off';
  if (control === 'Off') throw new AccountCenterError('field_not_enabled', `The field ${field} is not enabled.`);
}

export function isVisible(settings: AccountCenterSettings, field: AccountCenterField): boolean {
  return (settings.fields[field] ?? 'Off') !== 'Off';
}
