export * from './verifications.ts';
export { newTotpSecret, totpKeyUri, totpQrCode } from './totp.ts';
export { relyingPartyOf, registrationOptions, verifyRegistration, type NewWebAuthnCredential } from './web-authn.ts';
