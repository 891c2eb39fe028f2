/**
 * How Hasura reads a request's headers in JWT mode: where the token is (HASURA.md §3.1),
 * Bearer parsing (§3.3), the requested role (§3.10) and the unauthorized-role session (§3.2).
 * Header names are case-insensitive; values keep their order.
 */
import type { JwtHeaderConfig } from './jwt-config.ts';

export type RequestHeaders = Record<string, string | string[] | undefined>;

/** Every value of a header, in order, whatever the case of its name. */
function headerValues(headers: RequestHeaders, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  return values;
}

function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The raw candidates Hasura finds for the configured location; headers of other kinds are ignored. */
export function findTokenCandidates(location: JwtHeaderConfig, headers: RequestHeaders): string[] {
  switch (location.type) {
    case 'Authorization':
      return headerValues(headers, 'authorization');
    case 'CustomHeader':
      return headerValues(headers, location.name);
    case 'Cookie': {
      const tokens: string[] = [];
      for (const cookieHeader of headerValues(headers, 'cookie')) {
        for (const pair of cookieHeader.split(';')) {
          const eq = pair.indexOf('=');
          const name = (eq === -1 ? pair : pair.slice(0, eq)).replace(/^ +/, '');
          if (name === location.name) tokens.push(decodeCookieValue(eq === -1 ? '' : pair.slice(eq + 1)));
        }
      }
      return tokens;
    }
  }
}

/** `Bearer <jwt>`: exactly two whitespace-separated words, `Bearer` case-sensitive (§3.3). */
export function parseBearer(value: string): string | undefined {
  const words = value.split(/[ \t\n\r\f\v]+/).filter((word) => word !== '');
  return words.length === 2 && words[0] === 'Bearer' ? words[1] : undefined;
}

/** The first `x-hasura-role` header, if non-empty; otherwise the default role applies (§3.10). */
export function requestedRoleHeader(headers: RequestHeaders): string | undefined {
  const first = headerValues(headers, 'x-hasura-role')[0];
  return first === undefined || first === '' ? undefined : first;
}

const ADMIN_SECRET_VARIABLES = new Set(['x-hasura-admin-secret', 'x-hasura-access-key']);

/** Hasura's `mkUserInfo`: drops the admin-secret variables and sets `x-hasura-role`. */
export function finishSession(variables: Record<string, string>, role: string): Record<string, string> {
  const session: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (!ADMIN_SECRET_VARIABLES.has(name)) session[name] = value;
  }
  session['x-hasura-role'] = role;
  return session;
}

/**
 * The unauthorized-role session: every `x-hasura-*` request header, lower-cased (§3.2).
 * Client-sent `x-hasura-user-id` flows in; Hasura's docs warn about exactly this.
 */
export function sessionFromRequestHeaders(headers: RequestHeaders, role: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    const name = key.toLowerCase();
    if (!name.startsWith('x-hasura-') || value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length > 0) variables[name] = values[values.length - 1];
  }
  return finishSession(variables, role);
}
