import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { MfaError } from '../../domain/errors.ts';
import { parseTransports, type MfaVerificationRow } from '../../storage/repositories/mfa-verifications.ts';

/*
 * WebAuthn ceremonies through @simplewebauthn/server (attestation 'none', ES256/EdDSA/RS256).
 * The relying party is ENDPOINT: its host name is the RP ID and its origin the only origin a
 * response may come from, so a credential made for this server answers nowhere else.
 */
export interface RelyingParty {
  rpId: string;
  origin: string;
  name: string;
}

export function relyingPartyOf(endpoint: string): RelyingParty {
  const url = new URL(endpoint);
  return { rpId: url.hostname, origin: url.origin, name: 'Gatehouse' };
}

type AllowCredential = { id: string; transports?: string[] };

const credentialsOf = (rows: readonly MfaVerificationRow[]): AllowCredential[] =>
  rows
    .filter((r) => r.type === 'WebAuthn' && r.credentialId)
    .map((r) => ({ id: r.credentialId ?? '', transports: parseTransports(r.transports) }));

/** Options for navigator.credentials.create: a discoverable credential (a passkey) with user verification preferred. */
export function registrationOptions(
  rp: RelyingParty,
  user: { id: string; name: string; displayName: string },
  existing: readonly MfaVerificationRow[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.rpId,
    userID: new TextEncoder().encode(user.id),
    userName: user.name,
    userDisplayName: user.displayName,
    attestationType: 'none',
    excludeCredentials: credentialsOf(existing),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
}

export interface NewWebAuthnCredential {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  aaguid: string;
  rpId: string;
}

/** Checks the browser's answer to the registration options; the credential to keep, or session.mfa.webauthn_verification_failed. */
export async function verifyRegistration(
  rp: RelyingParty,
  challenge: string,
  response: RegistrationResponseJSON,
): Promise<NewWebAuthnCredential> {
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    requireUserVerification: false,
  }).catch((error: unknown) => {
    throw new MfaError('session.mfa.webauthn_verification_failed', `The passkey could not be registered: ${reasonOf(error)}`);
  });
  if (!result.verified) throw new MfaError('session.mfa.webauthn_verification_failed', 'The passkey could not be registered.');
  const { credential, aaguid } = result.registrationInfo;
  return {
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? response.response.transports ?? [],
    aaguid,
    rpId: rp.rpId,
  };
}

/** Options for navigator.credentials.get: the user's credentials, or none (any discoverable one) for usernameless sign-in. */
export function authenticationOptions(
  rp: RelyingParty,
  rows: readonly MfaVerificationRow[] | undefined,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.rpId,
    allowCredentials: rows ? credentialsOf(rows) : undefined,
    userVerification: rows ? 'preferred' : 'required',
  });
}

/** Checks an assertion against the stored credential; the new counter and whether the user was verified. */
export async function verifyAuthentication(
  rp: RelyingParty,
  challenge: string,
  response: AuthenticationResponseJSON,
  row: MfaVerificationRow,
  requireUserVerification: boolean,
): Promise<{ newCounter: number; userVerified: boolean }> {
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    requireUserVerification,
    credential: {
      id: row.credentialId ?? '',
      publicKey: Buffer.from(row.publicKey ?? '', 'base64url'),
      counter: Number(row.counter ?? 0),
      transports: parseTransports(row.transports),
    },
  }).catch((error: unknown) => {
    throw new MfaError('session.mfa.webauthn_verification_failed', `The passkey was not accepted: ${reasonOf(error)}`);
  });
  if (!result.verified) throw new MfaError('session.mfa.webauthn_verification_failed', 'The passkey was not accepted.');
  return { newCounter: result.authenticationInfo.newCounter, userVerified: result.authenticationInfo.userVerified };
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : 'invalid response');
