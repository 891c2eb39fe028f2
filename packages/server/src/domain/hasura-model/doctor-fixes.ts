/**
 * For each way Hasura can reject a Gatehouse token, the fix in Gatehouse terms.
 * What we may rely on: the issuer is `$ENDPOINT/oidc`, the JWKS is `$ENDPOINT/oidc/jwks`,
 * access tokens are RS256 with `aud` = the API resource indicator, and the Hasura claims sit
 * under `https://hasura.io/jwt/claims` (nested JSON) with one Gatehouse role per Hasura role.
 */
import type { HasuraRejected } from './errors.ts';
import { DEFAULT_CLAIMS_NAMESPACE, type JwtConfig } from './jwt-config.ts';
import { isoTime, type JwtFacts } from './trace.ts';

export interface FixContext {
  config: JwtConfig;
  facts: JwtFacts;
  role?: string;
  now: number;
}

const list = (values: string[]): string => values.map((value) => JSON.stringify(value)).join(', ');

/** The resource indicator to name in commands: the configured audience, else the token's. */
function indicatorOf(ctx: Pick<FixContext, 'config' | 'facts'>): string {
  return ctx.config.audience?.[0] ?? ctx.facts.claims?.aud?.values[0] ?? '<indicator>';
}

const jwtSecretCommand = (ctx: FixContext): string => `gatehouse hasura jwt-secret --resource ${indicatorOf(ctx)}`;
const presetCommand = (ctx: FixContext): string => `gatehouse hasura preset enable --resource ${indicatorOf(ctx)}`;

function jwksOf(iss: string | undefined): string {
  return iss ? `${iss.replace(/\/$/, '')}/jwks` : '$ENDPOINT/oidc/jwks';
}

export function fixFor(decision: HasuraRejected, ctx: FixContext): string {
  const { config, facts } = ctx;
  const iss = facts.claims?.iss ?? facts.rejectedIssuer;
  const alg = typeof facts.header?.alg === 'string' ? facts.header.alg : undefined;
  switch (decision.step) {
    case 'jwks':
      return config.source.kind === 'jwk_url'
        ? decision.message.startsWith('Error parsing')
          ? `Hasura will not start: ${config.source.url} does not serve a valid JWK Set. Point jwk_url at \`$ENDPOINT/oidc/jwks\` (run \`${jwtSecretCommand(ctx)}\`)`
          : `pass the JWK Set served at ${config.source.url} (Gatehouse serves it at \`$ENDPOINT/oidc/jwks\`)`
        : decision.message;
    case 'token':
      return `no token reached Hasura: send the access token as ${tokenLocation(config)}, or set HASURA_GRAPHQL_UNAUTHORIZED_ROLE to let requests without a token run as an anonymous role`;
    case 'authorization-header':
      return 'send exactly `Authorization: Bearer <access token>`: "Bearer" with a capital B, then one token (pass --token without the "Bearer " prefix)';
    case 'multiple-jwts':
      return 'send exactly one token: Hasura refuses a request carrying several Authorization headers (or cookies) with tokens';
    case 'issuer':
      return `the token was issued by ${iss ?? 'another issuer'}, but the JWT secret expects ${config.issuer}; set issuer to \`$ENDPOINT/oidc\`${iss?.endsWith('/oidc') ? ` (for this token: ${iss})` : ''}, with ENDPOINT the public URL clients use to reach Gatehouse (run \`${jwtSecretCommand(ctx)}\`)`;
    case 'decode':
      return `the token is not a signed JWT. Gatehouse issues an opaque access token when no API resource is requested: request it for the resource (getAccessToken('${indicatorOf(ctx)}'), or resource=${indicatorOf(ctx)} at /oidc/token)`;
    case 'claims-decode':
      return `the token's registered claims have the wrong type (${decision.message.replace('Could not verify JWT: ', '')}); Hasura decodes them before anything else. Gatehouse never issues such a token: check where this token comes from`;
    case 'alg':
      return `Hasura never accepts alg ${alg ?? 'none'} (unsigned and ES256K tokens are refused); Gatehouse signs access tokens with RS256, so this token did not come from Gatehouse`;
    case 'keys':
      return `the JWK Set is empty: check that jwk_url is \`$ENDPOINT/oidc/jwks\` and that Gatehouse has a signing key (\`gatehouse keys rotate\` creates one)`;
    case 'signature':
      return signatureFix(ctx, iss, alg);
    case 'exp': {
      const exp = facts.claims?.exp ?? ctx.now;
      return `the token expired at ${isoTime(exp)} (${Math.round(ctx.now - exp)} s ago): get a fresh token (the SDK refreshes automatically)`;
    }
    case 'iat':
    case 'nbf': {
      const at = (decision.step === 'iat' ? facts.claims?.iat : facts.claims?.nbf) ?? ctx.now;
      return `the token is dated ${Math.round(at - ctx.now)} s in the future (${decision.step}): the clocks of Gatehouse and Hasura disagree; synchronise them (NTP) or set "allowed_skew" in the JWT secret`;
    }
    case 'audience': {
      const aud = facts.claims?.aud?.values ?? [];
      const wanted = config.audience?.[0] ?? indicatorOf(ctx);
      return aud.length === 0
        ? `the token's aud is an empty list, which Hasura always rejects: request the token with resource=${wanted}`
        : `the token is for ${list(aud)}, but Hasura accepts only ${list(config.audience ?? [])}: request the token with resource=${wanted} (getAccessToken('${wanted}'))`;
    }
    case 'claims':
      return claimsFix(decision.message, ctx);
    case 'allowed-roles':
      return decision.code === 'jwt-missing-role-claims'
        ? `enable the Hasura preset (${presetCommand(ctx)}) or return x-hasura-allowed-roles from your custom JWT script`
        : 'x-hasura-allowed-roles must be a list of non-empty role names: fix the value your custom JWT script returns (the Hasura preset writes the names of the roles the user holds)';
    case 'default-role':
      return decision.code === 'jwt-missing-role-claims'
        ? `return x-hasura-default-role from your custom JWT script, or enable the Hasura preset (${presetCommand(ctx)}), which picks the first role named in USER_DEFAULT_ROLE_NAMES that the user holds`
        : 'x-hasura-default-role must be one non-empty role name (a string), not a list';
    case 'requested-role':
      return roleFix(ctx);
    case 'session-variables': {
      const bad = facts.nonStringVariable;
      return `every x-hasura-* claim must be a string${bad ? `, but ${bad.name} is a ${bad.type}` : ''}: return String(value) for it from your custom JWT script`;
    }
    default:
      return decision.message;
  }
}

function tokenLocation(config: JwtConfig): string {
  const header = config.header;
  if (header.type === 'Cookie') return `the cookie \`${header.name}\``;
  if (header.type === 'CustomHeader') return `the header \`${header.name}: <access token>\``;
  return '`Authorization: Bearer <access token>`';
}

function signatureFix(ctx: FixContext, iss: string | undefined, alg: string | undefined): string {
  const { config, facts } = ctx;
  if (config.source.kind === 'key' && config.source.key.kind === 'oct' && alg && !alg.startsWith('HS')) {
    return `the JWT secret holds an HMAC key (type ${config.source.type}) but the token is signed with ${alg}: Gatehouse signs with its RSA keys, so use {"jwk_url": "$ENDPOINT/oidc/jwks"} instead (run \`${jwtSecretCommand(ctx)}\`)`;
  }
  if (facts.keysFittingAlg === 0) {
    return `no key in the JWT secret can verify ${alg} (keys: ${(facts.keyKinds ?? []).join(', ')}): point jwk_url at the JWKS of the Gatehouse that issued the token (${jwksOf(iss)})`;
  }
  const kid = typeof facts.header?.kid === 'string' ? facts.header.kid : undefined;
  if (config.source.kind === 'jwk_url' && kid && !facts.kidInKeys) {
    return `the token's key ${kid} is not in the JWK Set Hasura holds: Gatehouse's keys were rotated after Hasura fetched them, or jwk_url points at another Gatehouse. jwk_url must serve ${jwksOf(iss)}; Hasura refetches only when the Cache-Control max-age of /oidc/jwks has passed (restart Hasura to refetch now)`;
  }
  return `the token was not signed by any key in the JWT secret: point jwk_url at the JWKS of the issuer (${jwksOf(iss)})`;
}

function claimsFix(message: string, ctx: FixContext): string {
  const { config, facts } = ctx;
  if (message.startsWith('claims key:') && config.claims.mode === 'namespace') {
    const ns = config.claims.namespace;
    const hasDefault = facts.claims?.unregistered[DEFAULT_CLAIMS_NAMESPACE] !== undefined;
    if (ns !== DEFAULT_CLAIMS_NAMESPACE && hasDefault) {
      return `the token carries its Hasura claims under ${DEFAULT_CLAIMS_NAMESPACE}, but the JWT secret sets claims_namespace to ${ns}: remove claims_namespace`;
    }
    return `the token has no \`${ns}\` claim: enable the Hasura preset (${presetCommand(ctx)}) or return x-hasura-allowed-roles, x-hasura-default-role and x-hasura-user-id under \`${ns}\` from your custom JWT script`;
  }
  if (message.startsWith('claims not found at claims_namespace_path')) {
    return `nothing in the token at claims_namespace_path: Gatehouse puts the claims under ${DEFAULT_CLAIMS_NAMESPACE}; remove claims_namespace_path, or return the claims at that path from your custom JWT script`;
  }
  if (message.startsWith('expecting a string when')) {
    return 'the Hasura claims are a JSON object but claims_format is stringified_json: remove claims_format (Gatehouse writes the claims as nested JSON)';
  }
  if (message.startsWith('expecting a json object')) {
    return 'the Hasura claims are not a JSON object: return an object from your custom JWT script, or set claims_format to stringified_json if you return a JSON string';
  }
  if (message.startsWith('expecting stringified json')) {
    return 'claims_format is stringified_json but the claim is not a JSON-encoded object: return JSON.stringify({...}) from your custom JWT script, or remove claims_format and return the object itself';
  }
  const variable = /claims_map, (.+) not found$/.exec(message)?.[1];
  if (variable) {
    return `the token has nothing at the claims_map path of ${variable} and the map gives no default: add "default" to it in claims_map, or return the claim from your custom JWT script`;
  }
  return message;
}

function roleFix(ctx: FixContext): string {
  const allowed = ctx.facts.allowedRoles ?? [];
  const requested = ctx.facts.requestedRole ?? '';
  if (ctx.role === undefined) {
    return `x-hasura-default-role (${JSON.stringify(requested)}) is not in x-hasura-allowed-roles (${list(allowed)}): the user holds no role named in USER_DEFAULT_ROLE_NAMES; assign one to the user, or send x-hasura-role with one of: ${list(allowed)}`;
  }
  const near = allowed.find((role) => role.toLowerCase() === requested.toLowerCase());
  return `assign the role ${JSON.stringify(requested)} to the user, or send one of: ${list(allowed)}${near ? ` (role names are case-sensitive: did you mean ${JSON.stringify(near)}?)` : ''}`;
}
