// A new hook's signing key is shown once on its page, right after creation. It travels to that
// page in memory only: never storage, never the URL.
let pending: { hookId: string; key: string } | undefined;

export function flashSigningKey(hookId: string, key: string): void {
  pending = { hookId, key };
}

export function takeFlashedSigningKey(hookId: string): string | undefined {
  if (pending?.hookId !== hookId) return undefined;
  const { key } = pending;
  pending = undefined;
  return key;
}
