/**
 * What Hasura v2 decides about one request, and the helpers that render its error texts.
 *
 * Invariant: every `message` is the exact text Hasura puts in `errors[0].message` (HASURA.md §0, §6).
 * Where that text comes from jose/aeson internals we cannot reproduce byte for byte, the
 * decision carries `approximate: true` (HASURA.md §8).
 */

/** The check that decided a request, in Hasura's processing order (HASURA.md §3, §5). */
export type HasuraStep =
  | 'jwks'
  | 'token'
  | 'authorization-header'
  | 'issuer'
  | 'multiple-jwts'
  | 'decode'
  | 'claims-decode'
  | 'alg'
  | 'keys'
  | 'signature'
  | 'exp'
  | 'iat'
  | 'nbf'
  | 'audience'
  | 'claims'
  | 'allowed-roles'
  | 'default-role'
  | 'requested-role'
  | 'session-variables'
  | 'webhook-transport'
  | 'webhook-status'
  | 'webhook-body'
  | 'webhook-role';

/** Hasura's `Code` strings (HASURA.md §0.1). */
export type HasuraErrorCode =
  'invalid-jwt' | 'jwt-invalid-claims' | 'jwt-missing-role-claims' | 'invalid-headers' | 'access-denied' | 'invalid-params' | 'unexpected';

interface HasuraAccepted {
  accepted: true;
  role: string;
  /** Session variables, names lower-cased, `x-hasura-role` included. */
  session: Record<string, string>;
  /** Seconds since the epoch; Hasura closes WebSocket connections then (HASURA.md §3.12, §5.5). */
  expiresAt?: number;
}

export interface HasuraRejected {
  accepted: false;
  status: 400 | 401 | 500;
  code: HasuraErrorCode;
  message: string;
  step: HasuraStep;
  /** Set when the message text depends on jose/aeson internals and is only close to Hasura's. */
  approximate?: true;
}

export type HasuraDecision = HasuraAccepted | HasuraRejected;

export function reject(
  status: HasuraRejected['status'],
  code: HasuraErrorCode,
  message: string,
  step: HasuraStep,
  approximate = false,
): HasuraRejected {
  return approximate
    ? { accepted: false, status, code, message, step, approximate: true }
    : { accepted: false, status, code, message, step };
}

/** aeson's name for a JSON value's type, as in "expected String, but encountered Number". */
export function aesonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'Null';
  if (Array.isArray(value)) return 'Array';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'number':
      return 'Number';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Object';
  }
}

/** aeson's `typeMismatch` text. */
export function aesonMismatch(expectedName: string, expectedType: string, value: unknown): string {
  return `parsing ${expectedName} failed, expected ${expectedType}, but encountered ${aesonTypeName(value)}`;
}

/**
 * aeson's rendering of an object key inside an error path: `.key` for identifier-like keys,
 * `['key']` otherwise (aeson `formatRelativePath`).
 */
export function aesonKeyPath(key: string): string {
  if (/^\p{L}[\p{L}\p{N}]*$/u.test(key)) return `.${key}`;
  return `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/**
 * Haskell's `show` for a String, which Hasura uses when it prints a `JWTError`
 * (`JWTClaimsSetDecodeError "..."`). Non-ASCII characters become decimal escapes.
 */
export function haskellShowString(text: string): string {
  let out = '"';
  let previousWasNumericEscape = false;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    let piece: string;
    if (char === '"') piece = '\\"';
    else if (char === '\\') piece = '\\\\';
    else if (char === '\n') piece = '\\n';
    else if (char === '\t') piece = '\\t';
    else if (char === '\r') piece = '\\r';
    else if (code < 0x20 || code >= 0x7f) piece = `\\${code}`;
    else piece = char;
    // Haskell inserts `\&` between a numeric escape and a following digit.
    if (previousWasNumericEscape && /^[0-9]/.test(piece)) out += '\\&';
    previousWasNumericEscape = /^\\[0-9]+$/.test(piece);
    out += piece;
  }
  return `${out}"`;
}
