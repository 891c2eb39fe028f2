// The Get started checklist cannot see a browser's sign-in, so "a sign-in was tried" is recorded
// when a Try it sign-in comes back with tokens (per browser; it holds no token).
const KEY = 'gatehouse.console.sign-in-tried';

export function markSignInTried(): void {
  try {
    window.localStorage.setItem(KEY, String(Date.now()));
  } catch {
    // storage disabled: the step simply stays open
  }
}

export function signInTried(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== null;
  } catch {
    return false;
  }
}
