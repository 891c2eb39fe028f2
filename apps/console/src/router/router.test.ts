import { describe, expect, it } from 'vitest';
import { appPath, href, matchPath } from './router.tsx';

describe('router', () => {
  it('maps /console paths to app paths and back', () => {
    expect(appPath('/console')).toBe('/');
    expect(appPath('/console/')).toBe('/');
    expect(appPath('/console/roles/abc')).toBe('/roles/abc');
    expect(href('/')).toBe('/console');
    expect(href('/roles/abc')).toBe('/console/roles/abc');
  });

  it('matches patterns with decoded params', () => {
    expect(matchPath('/roles/:id', '/roles/a%2Fb')).toEqual({ id: 'a/b' });
    expect(matchPath('/roles/:id', '/roles')).toBeNull();
    expect(matchPath('/roles', '/users')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
  });
});
