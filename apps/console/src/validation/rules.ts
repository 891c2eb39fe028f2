/**
 * Client-side checks that mirror the server's zod schemas (packages/server/src/routes/schemas.ts),
 * with the same messages, so a form never sends what the server would refuse. The server
 * stays the authority: its per-field `errors` are shown the same way.
 */
/** A check of one field; `values` holds the whole form, for rules that compare fields. */
export type Rule = (value: string, values: Readonly<Record<string, string>>) => string | undefined;

const isUrl = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

export const required: Rule = (v) => (v.trim() === '' ? 'must not be empty' : undefined);

/** For a select: says what to choose ("Choose an API resource") rather than "must not be empty". */
export const chosen =
  (what: string): Rule =>
  (v) =>
    v === '' ? `Choose ${what}` : undefined;

export const maxLength =
  (max: number): Rule =>
  (v) =>
    v.length > max ? `must be at most ${max} characters` : undefined;

export const name: Rule = (v, values) => required(v, values) ?? maxLength(256)(v.trim(), values);

export const description: Rule = maxLength(2048);

export const httpUrl: Rule = (v) => {
  const url = isUrl(v);
  if (v.length > 2048 || !url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hash !== '' || v.includes('#')) {
    return 'must be an absolute http(s) URL without a fragment';
  }
  return undefined;
};

/** Redirect URIs are matched exactly: absolute, no fragment, no wildcard (custom schemes allowed for native apps). */
export const redirectUri: Rule = (v) => {
  const url = isUrl(v);
  if (
    v.length > 2048 ||
    !url ||
    url.hash !== '' ||
    v.includes('#') ||
    v.includes('*') ||
    url.protocol === 'javascript:' ||
    url.protocol === 'data:'
  ) {
    return 'must be an absolute URI without a fragment or wildcard';
  }
  return undefined;
};

// RFC 6749 scope-token: %x21 / %x23-5B / %x5D-7E
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
export const scopeName: Rule = (v) => {
  if (v === '') return 'must not be empty';
  if (v.length > 256) return 'must be at most 256 characters';
  return SCOPE_TOKEN.test(v) ? undefined : 'must be printable ASCII without spaces, quotes or backslashes (RFC 6749 scope-token)';
};

export const username: Rule = (v) => {
  if (v.length > 128) return 'must be at most 128 characters';
  return /^[A-Za-z_][\w.-]*$/.test(v) ? undefined : 'must start with a letter or _ and contain only letters, digits, _, . and -';
};

// zod 4's default email pattern.
const EMAIL = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const email: Rule = (v) => (v.length <= 320 && EMAIL.test(v) ? undefined : 'must be an email address');

export const phone: Rule = (v) => (/^\+?[0-9]{5,20}$/.test(v) ? undefined : 'must be digits, optionally starting with +');

export const password: Rule = (v) => {
  if (v.length < 8) return 'must be at least 8 characters';
  return v.length > 256 ? 'must be at most 256 characters' : undefined;
};

export const tokenTtl: Rule = (v) => {
  if (!/^\d+$/.test(v.trim())) return 'must be a whole number of seconds';
  const n = Number(v);
  return n < 60 || n > 86400 ? 'must be between 60 and 86400 seconds' : undefined;
};

/** A Hasura `claims_namespace`: the top-level claim name the preset writes to. */
export const claimsNamespace: Rule = (v, values) => required(v, values) ?? maxLength(256)(v, values);

/** A Hasura `claims_namespace_path`: JSON-path names joined by dots, optionally after `$.`. */
export const claimsNamespacePath: Rule = (v) =>
  /^(\$\.)?[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(v) ? undefined : 'must be a dotted path like hasura.claims';

/** Optional field: empty passes, anything else must pass `rule`. */
export const optional =
  (rule: Rule): Rule =>
  (v, values) =>
    v.trim() === '' ? undefined : rule(v, values);

/** The field must equal another field (password confirmation). */
export const sameAs =
  (other: string, message: string): Rule =>
  (v, values) =>
    v === values[other] ? undefined : message;

/** At least one of this field and the `other` field(s) must be filled in. */
export const oneOf =
  (other: string | readonly string[], message: string): Rule =>
  (v, values) =>
    [v, ...[other].flat().map((key) => values[key] ?? '')].every((x) => x.trim() === '') ? message : undefined;

export type Errors<K extends string> = Partial<Record<K, string>>;

/** Runs each field's rules in order and keeps the first message per field. */
export function validate<K extends string>(values: Record<K, string>, schema: Partial<Record<K, Rule[]>>): Errors<K> {
  const errors: Errors<K> = {};
  for (const key of Object.keys(schema) as K[]) {
    for (const rule of schema[key] ?? []) {
      const message = rule(values[key] ?? '', values);
      if (message) {
        errors[key] = message;
        break;
      }
    }
  }
  return errors;
}

export const hasErrors = (errors: Record<string, string | undefined>): boolean => Object.values(errors).some(Boolean);
