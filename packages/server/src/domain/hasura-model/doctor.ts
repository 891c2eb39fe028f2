/**
 * `gatehouse hasura doctor`: what Hasura v2 will decide for a JWT secret and a token, why, and
 * how to fix it in Gatehouse terms. Wraps the JWT-mode emulation; does no I/O (the caller
 * fetches the JWKS behind `jwk_url`).
 *
 * Exit codes: 0 Hasura accepts the request; 1 Hasura rejects it; 2 Hasura would not start with
 * this configuration or the input is unusable (bad secret JSON, missing or invalid JWKS).
 */
import { fixFor } from './doctor-fixes.ts';
import type { HasuraDecision } from './errors.ts';
import { type JwtConfig, type JwtSecretError, parseJwtSecret } from './jwt-config.ts';
import { traceJwt } from './jwt-mode.ts';
import type { RequestHeaders } from './request-headers.ts';
import { isoTime, type JwtFacts } from './trace.ts';

export interface DiagnoseInput {
  /** HASURA_GRAPHQL_JWT_SECRET, as JSON text or parsed. */
  jwtSecret: string | object;
  /** The access token; without one the request is sent with no token at all. */
  token?: string;
  /** Sent as `x-hasura-role`. */
  role?: string;
  /** HASURA_GRAPHQL_UNAUTHORIZED_ROLE. */
  unauthorizedRole?: string;
  /** The JWK Set served at `jwk_url`; required when the secret uses one. */
  jwks?: unknown;
  /** Seconds since the epoch. */
  now?: number;
}

interface DoctorCheck {
  step: string;
  ok: boolean;
  detail: string;
}

type DoctorHasura = HasuraDecision | { accepted: false; configError: JwtSecretError };

export interface Diagnosis {
  verdict: 'accepted' | 'rejected';
  exitCode: 0 | 1 | 2;
  hasura: DoctorHasura;
  checks: DoctorCheck[];
  /** The fix in Gatehouse terms, when rejected. */
  fix?: string;
  /** Things worth knowing even when Hasura accepts (a missing audience, the expiry). */
  notes: string[];
}

function describeConfig(config: JwtConfig): string {
  const source = config.source.kind === 'jwk_url' ? `jwk_url ${config.source.url}` : `${config.source.type} key`;
  const claims =
    config.claims.mode === 'map'
      ? 'claims_map'
      : config.claims.mode === 'namespace'
        ? `claims_namespace ${config.claims.namespace} (${config.claims.format})`
        : `claims_namespace_path ${config.claims.pathText} (${config.claims.format})`;
  return [
    source,
    `issuer ${config.issuer ?? '(any)'}`,
    `audience ${config.audience ? JSON.stringify(config.audience) : '(any)'}`,
    claims,
    `token from ${config.header.type}${'name' in config.header ? ` ${config.header.name}` : ''}`,
    config.allowedSkew ? `allowed_skew ${config.allowedSkew} s` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

function requestHeaders(config: JwtConfig, token: string | undefined, role: string | undefined): RequestHeaders {
  const headers: RequestHeaders = {};
  if (token) {
    const location = config.header;
    if (location.type === 'Authorization') headers.authorization = `Bearer ${token}`;
    else if (location.type === 'Cookie') headers.cookie = `${location.name}=${encodeURIComponent(token)}`;
    else headers[location.name] = token;
  }
  if (role !== undefined) headers['x-hasura-role'] = role;
  return headers;
}

function notesFor(config: JwtConfig, facts: JwtFacts, decision: HasuraDecision, now: number): string[] {
  const notes: string[] = [];
  if (config.issuer === undefined) {
    notes.push('the JWT secret has no issuer: Hasura accepts tokens from any issuer whose keys it holds; set issuer to `$ENDPOINT/oidc`');
  }
  if (config.audience === undefined) {
    notes.push(
      'the JWT secret has no audience: tokens Gatehouse issues for other API resources are accepted too; set audience to the resource indicator',
    );
  }
  if (decision.accepted && facts.claims) {
    if (config.audience && facts.claims.aud === undefined)
      notes.push('the token has no aud; Hasura accepts it anyway, but Gatehouse access tokens always carry one');
    if (config.issuer && facts.claims.iss === undefined) notes.push('the token has no iss; Hasura accepts it anyway');
    if (decision.expiresAt !== undefined) {
      notes.push(
        `the token expires at ${isoTime(decision.expiresAt)} (in ${Math.round(decision.expiresAt - now)} s); WebSocket connections are closed then`,
      );
    } else {
      notes.push('the token has no exp: Hasura never expires it');
    }
  }
  notes.push(...organizationNotes(facts, decision));
  if (facts.unauthorizedRoleUsed) {
    notes.push(
      'no token was sent: the request ran as the unauthorized role, whose session takes client-sent x-hasura-* headers as they are',
    );
  }
  return notes;
}

/**
 * Gatehouse's organization claims (Logto's protocol): an organization token is not for an API,
 * an organization-scoped API token carries `organization_id` and the preset's `x-hasura-org-id`,
 * and `x-hasura-org-ids` is a Postgres array literal.
 */
function organizationNotes(facts: JwtFacts, decision: HasuraDecision): string[] {
  const notes: string[] = [];
  const payload = facts.payload ?? {};
  const audiences = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter((a): a is string => typeof a === 'string');
  if (audiences.length > 0 && audiences.every((a) => a.startsWith('urn:logto:organization:'))) {
    notes.push(
      'this is an organization token (aud urn:logto:organization:<id>): it proves membership, it is not for Hasura; ask for an API token with resource=<the Hasura resource indicator> and organization_id=<id>',
    );
  }
  const organizationId = typeof payload.organization_id === 'string' ? payload.organization_id : undefined;
  const session = decision.accepted ? decision.session : undefined;
  if (organizationId) {
    const sessionOrg = session?.['x-hasura-org-id'];
    if (session && sessionOrg === undefined) {
      notes.push(
        `the token is scoped to the organization ${organizationId} (organization_id) but carries no x-hasura-org-id; the Hasura preset adds it`,
      );
    } else if (session && sessionOrg !== organizationId) {
      notes.push(`x-hasura-org-id (${sessionOrg}) differs from the token's organization_id (${organizationId}); a custom script set it`);
    } else if (session) {
      notes.push(
        `organization-scoped token: x-hasura-org-id is ${organizationId}; compare rows with it, e.g. {"org_id": {"_eq": "X-Hasura-Org-Id"}}`,
      );
    }
  }
  const orgIds = session?.['x-hasura-org-ids'];
  if (orgIds !== undefined) {
    notes.push(
      /^\{.*\}$/s.test(orgIds)
        ? `x-hasura-org-ids is a Postgres array literal (${orgIds}); use it as {"org_id": {"_in": "X-Hasura-Org-Ids"}}`
        : `x-hasura-org-ids (${orgIds}) is not a Postgres array literal {a,b}: Hasura cannot use it as an array`,
    );
  }
  return notes;
}

export async function diagnose(input: DiagnoseInput): Promise<Diagnosis> {
  const now = input.now ?? Date.now() / 1000;
  const parsed = parseJwtSecret(input.jwtSecret);
  if (!parsed.ok) {
    const where = parsed.error.path === '$' ? '' : ` (at ${parsed.error.path})`;
    return {
      verdict: 'rejected',
      exitCode: 2,
      hasura: { accepted: false, configError: parsed.error },
      checks: [{ step: 'config', ok: false, detail: `${parsed.error.message}${where}` }],
      fix: `Hasura will not start with this HASURA_GRAPHQL_JWT_SECRET: ${parsed.error.message}${where}. Print a working value with \`gatehouse hasura jwt-secret --resource <indicator>\``,
      notes: [],
    };
  }
  const config = parsed.config;
  const notes: string[] = [];
  let token = input.token?.trim() || undefined;
  if (token?.startsWith('Bearer ')) {
    token = token.slice('Bearer '.length).trim();
    notes.push('the token started with "Bearer "; the doctor sent it as `Authorization: Bearer <token>`');
  }

  const traced = await traceJwt({
    config,
    jwks: input.jwks,
    headers: requestHeaders(config, token, input.role),
    now,
    ...(input.unauthorizedRole !== undefined ? { unauthorizedRole: input.unauthorizedRole } : {}),
  });
  const { decision, facts } = traced;
  const checks: DoctorCheck[] = [{ step: 'config', ok: true, detail: describeConfig(config) }, ...traced.trace];
  notes.push(...notesFor(config, facts, decision, now));
  if (decision.accepted) return { verdict: 'accepted', exitCode: 0, hasura: decision, checks, notes };
  return {
    verdict: 'rejected',
    exitCode: decision.step === 'jwks' ? 2 : 1,
    hasura: decision,
    checks,
    fix: fixFor(decision, { config, facts, now, ...(input.role !== undefined ? { role: input.role } : {}) }),
    notes,
  };
}
