// A secret is returned once (create or rotate). It is passed to the detail page through
// memory only: never storage, never the URL.
let pending: { appId: string; secret: string } | undefined;

export function flashSecret(appId: string, secret: string): void {
  pending = { appId, secret };
}

export function takeFlashedSecret(appId: string): string | undefined {
  if (pending?.appId !== appId) return undefined;
  const { secret } = pending;
  pending = undefined;
  return secret;
}
