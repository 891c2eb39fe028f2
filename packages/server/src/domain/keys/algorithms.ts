/**
 * The JWS algorithms Gatehouse signs with and accepts: the choices of SIGNING_ALG, what the
 * provider enables for every signed response, and what the token verifiers allow. One list,
 * so a key of a new algorithm can never be issued without being accepted, or the reverse.
 */
export const SIGNING_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];
