/**
 * A faithful emulation of Hasura v2 JWT mode for one request (HASURA.md §3, current master).
 *
 * Order: find the token candidates → Bearer parsing → issuer pre-check (before any signature)
 * → one candidate only → jose verification → Hasura claims → role → session.
 * The admin secret (§1.3) is out of scope: callers model requests that do not send one.
 */
import { decodeClaimsSet } from './claims-set.ts';
import { type HasuraDecision, reject } from './errors.ts';
import { resolveHasuraClaims } from './jwt-claims.ts';
import type { JwtConfig } from './jwt-config.ts';
import { BASE64URL, parseJwks, type VerificationKey } from './jwt-keys.ts';
import { verifyJwt } from './jwt-verify.ts';
import {
  findTokenCandidates,
  parseBearer,
  type RequestHeaders,
  requestedRoleHeader,
  sessionFromRequestHeaders,
} from './request-headers.ts';
import { createTracer, type JwtFacts, type TraceEntry } from './trace.ts';

export { parseJwtSecret } from './jwt-config.ts';
export { jwksRefreshPlan } from './jwks-refresh.ts';
export interface DecideJwtInput {
  config: JwtConfig;
  /** The JSON Web Key Set served at `jwk_url`; required when the config uses one. */
  jwks?: unknown;
  headers: RequestHeaders;
  /** Seconds since the epoch; fractions allowed. Defaults to the current time. */
  now?: number;
  /** HASURA_GRAPHQL_UNAUTHORIZED_ROLE. */
  unauthorizedRole?: string;
}

export interface JwtTrace {
  decision: HasuraDecision;
  /** The checks in the order Hasura ran them; the last one failed when the request was rejected. */
  trace: TraceEntry[];
  facts: JwtFacts;
}

/** The issuer of a token decoded without verification, as Hasura's `tokenIssuer` does. */
function unverifiedIssuer(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length < 3 || !BASE64URL.test(parts[1])) return undefined;
  try {
    const decoded = decodeClaimsSet(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')));
    return decoded.ok ? decoded.claims.iss : undefined;
  } catch {
    return undefined;
  }
}

function resolveKeys(config: JwtConfig, jwks: unknown): { keys: VerificationKey[] } | { decision: HasuraDecision } {
  if (config.source.kind === 'key') return { keys: [config.source.key] };
  // Hasura fetches the JWKS once at startup and refuses to start without a valid one (§2.13).
  if (jwks === undefined) {
    return { decision: reject(500, 'unexpected', `Error fetching JWK: no JWKS was given for ${config.source.url}`, 'jwks', true) };
  }
  const parsed = parseJwks(jwks);
  if (!parsed.ok) return { decision: reject(500, 'unexpected', `Error parsing JWK from url: ${config.source.url}`, 'jwks') };
  return { keys: parsed.keys };
}

export async function traceJwt(input: DecideJwtInput): Promise<JwtTrace> {
  const tracer = createTracer();
  const decision = await run(input, tracer);
  const trace = [...tracer.entries];
  if (!decision.accepted) trace.push({ step: decision.step, ok: false, detail: decision.message });
  return { decision, trace, facts: tracer.facts };
}

export async function decideJwt(input: DecideJwtInput): Promise<HasuraDecision> {
  return (await traceJwt(input)).decision;
}

async function run(input: DecideJwtInput, tracer: ReturnType<typeof createTracer>): Promise<HasuraDecision> {
  const { config, headers } = input;
  const now = input.now ?? Date.now() / 1000;
  const keys = resolveKeys(config, input.jwks);
  if ('decision' in keys) return keys.decision;

  const location = config.header;
  const candidates = findTokenCandidates(location, headers);
  if (candidates.length === 0) {
    if (input.unauthorizedRole === undefined) {
      return reject(400, 'invalid-headers', "Missing 'Authorization' or 'Cookie' header in JWT authentication mode", 'token');
    }
    tracer.facts.unauthorizedRoleUsed = true;
    tracer.pass(
      'token',
      `no token in ${describeLocation(location)}: the request runs as the unauthorized role ${JSON.stringify(input.unauthorizedRole)}`,
    );
    return { accepted: true, role: input.unauthorizedRole, session: sessionFromRequestHeaders(headers, input.unauthorizedRole) };
  }
  tracer.pass('token', `${candidates.length} candidate(s) in ${describeLocation(location)}`);

  const matched: string[] = [];
  let droppedIssuer: string | undefined;
  for (const candidate of candidates) {
    let token = candidate;
    if (location.type === 'Authorization') {
      // Malformed headers fail the request even when an unauthorized role is configured (§3.3).
      const bearer = parseBearer(candidate);
      if (bearer === undefined) return reject(400, 'invalid-headers', 'Malformed Authorization header', 'authorization-header');
      token = bearer;
    }
    const iss = config.issuer === undefined ? undefined : unverifiedIssuer(token);
    if (iss !== undefined && iss !== config.issuer) droppedIssuer = iss;
    else matched.push(token);
  }
  if (location.type === 'Authorization') tracer.pass('authorization-header', 'Authorization: Bearer <jwt>');
  if (matched.length === 0) {
    tracer.facts.rejectedIssuer = droppedIssuer;
    return reject(400, 'invalid-jwt', 'Could not verify JWT: JWTNotInIssuer', 'issuer');
  }
  tracer.pass('issuer', issuerDetail(config, matched[0]));
  if (matched.length > 1) return reject(400, 'invalid-headers', 'Could not verify JWT: Multiple JWTs found', 'multiple-jwts');
  tracer.pass('multiple-jwts', 'exactly one token');

  const token = matched[0];
  const verified = await verifyJwt(token, config, keys.keys, now, tracer);
  if (!verified.ok) return verified.decision;

  const resolved = resolveHasuraClaims(config.claims, verified.claims, requestedRoleHeader(headers), tracer);
  if (!resolved.ok) return resolved.decision;
  const decision: HasuraDecision = { accepted: true, role: resolved.role, session: resolved.session };
  if (verified.claims.exp !== undefined) decision.expiresAt = verified.claims.exp;
  return decision;
}

function describeLocation(location: JwtConfig['header']): string {
  if (location.type === 'Authorization') return 'the Authorization header';
  return location.type === 'Cookie' ? `the cookie ${location.name}` : `the header ${location.name}`;
}

function issuerDetail(config: JwtConfig, token: string): string {
  if (config.issuer === undefined) return 'no issuer configured: any iss passes';
  const iss = unverifiedIssuer(token);
  return iss === undefined ? 'the token has no iss, which Hasura accepts' : `iss ${iss} matches`;
}
