/*
 * The JSON text columns have one reader (and writer) each, so their shape is decided once:
 * `redirect_uris` and `post_logout_redirect_uris` hold arrays of strings, `custom_data`
 * (users, applications, organizations, memberships) an object.
 */

export function parseUriList(column: string): string[] {
  const value: unknown = JSON.parse(column);
  return Array.isArray(value) ? value.filter((uri): uri is string => typeof uri === 'string') : [];
}

export function uriListColumn(uris: readonly string[]): string {
  return JSON.stringify(uris);
}

export function parseObjectColumn(column: string): Record<string, unknown> {
  const value: unknown = JSON.parse(column);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
