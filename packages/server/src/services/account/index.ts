export { getAccountCenter, updateAccountCenter, ACCOUNT_CENTER_CONTROLS, ACCOUNT_CENTER_FIELDS } from './account-center.ts';
export type { AccountCaller } from './deps.ts';
export { changeMyPassword, changeMyPrimaryEmail, getMyAccount, updateMyAccount, updateMyProfile } from './profile.ts';
export { sendPasswordResetEmail } from './password-reset.ts';
export { listUserGrants, listUserSessions, revokeUserGrant, revokeUserSession } from './sessions.ts';
export { createEmailCodeVerification, createPasswordVerification, verifyEmailCodeVerification } from './verifications.ts';
export { requireSessionAccess } from './session-access.ts';
