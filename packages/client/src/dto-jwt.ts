/**
 * Wire types of the Management API's JWT endpoints: custom claims scripts (Logto's
 * `/configs/jwt-customizer`), the Hasura preset, signing keys and the Hasura doctor. The
 * server types its zod schemas against these, and the console imports them.
 */

/**
 * The kind of token a custom claims script applies to: user access tokens, or the
 * client-credentials tokens of machine-to-machine apps. Logto's path segment.
 *
 * @example
 * ```ts
 * const tokenType: JwtCustomizerTokenType = 'access-token';
 * await fetch(`${endpoint}/api/configs/jwt-customizer/${tokenType}`, { headers });
 * ```
 */
export type JwtCustomizerTokenType = 'access-token' | 'client-credentials';

/**
 * What a failing script does to the token request: `deny` refuses the token (the default),
 * `omit` issues it without the extra claims.
 *
 * @example
 * ```ts
 * const onError: ScriptErrorPolicy = 'omit';
 * ```
 */
export type ScriptErrorPolicy = 'deny' | 'omit';

/**
 * Where the Hasura preset puts Hasura's claims, matching the JWT secret's options:
 * `json` / `stringified_json` under `https://hasura.io/jwt/claims` (Hasura's
 * `claims_format`), `{ namespace }` under another claim name (`claims_namespace`), or
 * `{ namespacePath }` at a dotted path such as `hasura.claims` (`claims_namespace_path`).
 *
 * @example
 * ```ts
 * const format: HasuraClaimsFormat = { namespacePath: 'hasura.claims' };
 * ```
 */
export type HasuraClaimsFormat = 'json' | 'stringified_json' | { namespace: string } | { namespacePath: string };

/**
 * Present on a custom claims configuration stored by the Hasura preset: the API resource its
 * claims are for, and where they go.
 *
 * @example
 * ```ts
 * const preset: HasuraPresetDto = { name: 'hasura', resource: 'https://hasura.example.com/api', format: 'json' };
 * ```
 */
export interface HasuraPresetDto {
  name: 'hasura';
  resource: string;
  format: HasuraClaimsFormat;
}

/**
 * A custom claims configuration (`GET /api/configs/jwt-customizer/{tokenType}`): the script
 * `getCustomJwtClaims({ token, context, environmentVariables })` and what it runs with.
 *
 * @example
 * ```ts
 * const config: JwtCustomizerDto = {
 *   script: 'const getCustomJwtClaims = async ({ token }) => ({ tenant: "acme" });',
 *   environmentVariables: {},
 *   onError: 'deny',
 * };
 * ```
 */
export interface JwtCustomizerDto {
  script: string;
  environmentVariables: Record<string, string>;
  /** The sample context and token the console tests the script with. */
  contextSample?: Record<string, unknown>;
  tokenSample?: Record<string, unknown>;
  onError: ScriptErrorPolicy;
  preset?: HasuraPresetDto;
}

/**
 * Why a script run produced no claims: it did not compile (`syntax`), threw (`runtime`), ran
 * out of time or memory, returned something that is not a claims object (`output`), denied
 * the token itself (`denied`), or the sandbox had too many runs waiting (`busy`).
 *
 * @example
 * ```ts
 * const retryable = (kind: ScriptFailureKind) => kind === 'busy' || kind === 'timeout';
 * ```
 */
export type ScriptFailureKind = 'syntax' | 'runtime' | 'timeout' | 'memory' | 'output' | 'denied' | 'busy';

/**
 * A failed script run, with the script's line and column when known.
 *
 * @example
 * ```ts
 * const failure: ScriptFailureDto = { kind: 'runtime', message: 'x is not defined', line: 2, column: 5 };
 * ```
 */
export interface ScriptFailureDto {
  message: string;
  line?: number;
  column?: number;
  kind: ScriptFailureKind;
}

/**
 * The answer of `POST /api/configs/jwt-customizer/test`: the claims the script would add
 * (reserved claims dropped, with a warning each), or why it failed.
 *
 * @example
 * ```ts
 * const result: ScriptTestResultDto = await res.json();
 * if ('error' in result) console.error(result.error.kind, result.error.message);
 * else console.log(result.claims, result.warnings);
 * ```
 */
export type ScriptTestResultDto = { claims: Record<string, unknown>; warnings: string[] } | { error: ScriptFailureDto };

/**
 * A signing key and its place in the rotation (`GET /api/configs/oidc/signing-keys`):
 * `current` signs, `next` is published ahead of signing, `retiring` stays published until the
 * tokens it signed expire (`expiresAt`).
 *
 * @example
 * ```ts
 * const keys: SigningKeyDto[] = await res.json();
 * const current = keys.find((k) => k.status === 'current');
 * ```
 */
export interface SigningKeyDto {
  kid: string;
  /** The JWS algorithm (`RS256`, `ES256` or `EdDSA`). */
  alg: string;
  status: 'current' | 'next' | 'retiring';
  /** Epoch milliseconds from which it signs (or signed). */
  activatesAt: number;
  /** Epoch milliseconds after which it is no longer published; null while it signs. */
  expiresAt: number | null;
}

/**
 * The answer of `POST /api/configs/oidc/signing-keys/rotate`: the new key, when it starts
 * signing, and until when the previous keys stay published.
 *
 * @example
 * ```ts
 * const { kid, activatesAt }: SigningKeyRotationDto = await res.json();
 * ```
 */
export interface SigningKeyRotationDto {
  kid: string;
  alg: string;
  activatesAt: number;
  previousKeysExpireAt: number;
}

/**
 * One step of the Hasura doctor's trace (config, signature, claims, role…).
 *
 * @example
 * ```ts
 * const check: HasuraDoctorCheckDto = { step: 'signature', ok: true, detail: 'RS256 key kid-1 from jwk_url' };
 * ```
 */
export interface HasuraDoctorCheckDto {
  step: string;
  ok: boolean;
  detail: string;
}

/**
 * The answer of `POST /api/hasura/doctor`: what Hasura v2 would decide for a token under a
 * JWT secret, the checks that led there and, when rejected, the fix in Gatehouse terms.
 * `exitCode` is the CLI's (0 accepted, 1 rejected, 2 unusable secret).
 *
 * @example
 * ```ts
 * const result: HasuraDoctorResultDto = await res.json();
 * if (result.verdict === 'rejected') console.log(result.fix);
 * ```
 */
export interface HasuraDoctorResultDto {
  verdict: 'accepted' | 'rejected';
  exitCode: 0 | 1 | 2;
  /** Hasura's session variables when accepted, or the error it would answer with. */
  hasura: Record<string, unknown>;
  checks: HasuraDoctorCheckDto[];
  fix?: string;
  /** Worth knowing even when accepted (no audience check, the expiry). */
  notes: string[];
}

/**
 * The answer of `POST /api/subject-tokens` (Logto's): a short-lived, single-use token to
 * exchange for an access token of the user at `/oidc/token` (RFC 8693 token exchange).
 *
 * @example
 * ```ts
 * const { subjectToken, expiresIn }: SubjectTokenDto = await res.json();
 * ```
 */
export interface SubjectTokenDto {
  subjectToken: string;
  /** Seconds until it can no longer be exchanged. */
  expiresIn: number;
}
