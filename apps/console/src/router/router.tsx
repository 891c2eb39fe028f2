import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { confirmDiscard, discardUnsavedChanges } from '../ui/unsaved-changes.ts';

/**
 * A tiny history router with the base /console: the server answers every client path with
 * index.html, so deep links and reloads work. Paths inside the app are written without
 * the base ('/roles/123').
 */
const BASE = '/console';
const NAVIGATE_EVENT = 'console:navigate';

// The URL the app shows, so a Back over unsaved changes can be undone when the admin stays.
let shownUrl = typeof window === 'undefined' ? '' : window.location.href;
if (typeof window !== 'undefined') {
  window.addEventListener('popstate', (event) => {
    if (!confirmDiscard()) {
      event.stopImmediatePropagation();
      window.history.pushState(null, '', shownUrl);
      return;
    }
    discardUnsavedChanges();
    shownUrl = window.location.href;
  });
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current app path ('/' for /console), without the base. */
export function appPath(pathname: string = window.location.pathname): string {
  if (pathname === BASE || pathname === `${BASE}/`) return '/';
  return pathname.startsWith(`${BASE}/`) ? pathname.slice(BASE.length) : pathname;
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => appPath(window.location.pathname));
}

export function href(to: string): string {
  return to === '/' ? BASE : `${BASE}${to}`;
}

/** Goes to `to` inside the console; false when the admin chose to stay with unsaved changes. */
export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): boolean {
  if (!options.force && !confirmDiscard()) return false;
  discardUnsavedChanges();
  const url = href(to);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  shownUrl = window.location.href;
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  return true;
}

/** Matches '/roles/:id' against '/roles/abc' and returns the decoded params, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i];
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(got[i]);
    else if (w !== got[i]) return null;
  }
  return params;
}

export interface Route {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
}

export function Routes({ routes, fallback }: { routes: Route[]; fallback: ReactNode }) {
  const path = usePath();
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return <>{route.render(params)}</>;
  }
  return <>{fallback}</>;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; activePrefix?: boolean };

/** An <a> with a real href (open in a new tab works) that navigates in place on a plain click. */
export function Link({ to, activePrefix, onClick, ...rest }: LinkProps) {
  const path = usePath();
  const active = activePrefix ? (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`)) : false;
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={href(to)} onClick={handle} aria-current={active ? 'page' : undefined} {...rest} />;
}
