/** Logto's email template usages (connector-kit `TemplateType`), same names. */
export const TEMPLATE_TYPES = [
  'SignIn',
  'Register',
  'ForgotPassword',
  'OrganizationInvitation',
  'Generic',
  'UserPermissionValidation',
  'BindNewIdentifier',
  'MfaVerification',
  'BindMfa',
] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

/** Logto's `details` of an email template. */
export interface EmailTemplateDetails {
  subject: string;
  content: string;
  contentType?: 'text/html' | 'text/plain';
  replyTo?: string;
  sendFrom?: string;
}

export type TemplateVariables = Record<string, unknown>;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function lookup(variables: TemplateVariables, path: string): unknown {
  let value: unknown = variables;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Handlebars-style `{{name}}` / `{{organization.name}}` substitution, as Logto's templates use.
 * Values are escaped in HTML content; an unknown name renders empty. No logic, no helpers:
 * an admin-edited template can only place values.
 */
export function renderTemplateText(text: string, variables: TemplateVariables, html: boolean): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    const value = lookup(variables, name);
    const raw = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
    return html ? escapeHtml(raw) : raw;
  });
}

/**
 * The languages to try for a user, best first: the tag itself (de-AT), its base language (de),
 * the site's fallback language, then English (the built-in templates exist in en and de).
 */
export function languageCandidates(locale: string | undefined, fallbackLanguage: string): string[] {
  const out: string[] = [];
  const add = (tag: string | undefined) => {
    if (tag && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  };
  for (const tag of (locale ?? '').split(/[\s,]+/).filter(Boolean)) {
    const clean = tag.split(';')[0] ?? tag;
    add(clean);
    add(clean.split('-')[0]);
  }
  add(fallbackLanguage);
  add(fallbackLanguage.split('-')[0]);
  add('en');
  return out;
}
