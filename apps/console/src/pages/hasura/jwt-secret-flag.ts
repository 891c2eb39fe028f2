// The Get started checklist cannot see Hasura's configuration, so "Hasura points here" is
// recorded when the admin copies the generated JWT secret (per browser, not a secret itself).
const KEY = 'gatehouse.console.jwt-secret-copied';

export function markJwtSecretCopied(): void {
  try {
    window.localStorage.setItem(KEY, String(Date.now()));
  } catch {
    // storage disabled: the step simply stays open
  }
}

export function jwtSecretCopied(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== null;
  } catch {
    return false;
  }
}
