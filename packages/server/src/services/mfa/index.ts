export * from './verifications.ts';
export { relyingPartyOf, registrationOptions, verifyRegistration, type NewWebAuthnCredential } from './web-authn.ts';
