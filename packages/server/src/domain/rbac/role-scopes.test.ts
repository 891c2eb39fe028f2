import { describe, expect, it } from 'vitest';
import {
  assertRolesAssignable,
  effectiveRoles,
  filterRequestedScopes,
  grantedScopeNames,
  groupRoleScopes,
  parseRoleNameList,
  pickDefaultRole,
  rolesForResource,
  type RoleScopeFact,
} from './role-scopes.ts';

const api = 'https://hasura.example.com/api';
const fact = (roleId: string, roleName: string, scope: string | null, indicator = api, roleType = 'User'): RoleScopeFact => ({
  roleId,
  roleName,
  roleDescription: null,
  roleType,
  scopeId: scope ? `${roleId}-${scope}` : null,
  scopeName: scope,
  scopeDescription: null,
  resourceId: scope ? `res-${indicator}` : null,
  resourceName: scope ? 'Hasura' : null,
  resourceIndicator: scope ? indicator : null,
});

describe('rbac', () => {
  const roles = groupRoleScopes([
    fact('r1', 'user:reader', 'read:user'),
    fact('r2', 'user:maintainer', 'maintain:user'),
    fact('r2', 'user:maintainer', 'read:user'),
    fact('r3', 'other', 'write:thing', 'https://other.example.com'),
    fact('r4', 'empty', null),
  ]);

  it('groups facts into roles with their scopes and keeps roles without scopes', () => {
    expect(roles.map((r) => [r.name, r.scopes.map((s) => s.name)])).toEqual([
      ['user:reader', ['read:user']],
      ['user:maintainer', ['maintain:user', 'read:user']],
      ['other', ['write:thing']],
      ['empty', []],
    ]);
  });

  it('grants only the scopes of the asked resource', () => {
    expect([...grantedScopeNames(roles, api)].sort()).toEqual(['maintain:user', 'read:user']);
    expect([...grantedScopeNames(roles, 'https://nope')]).toEqual([]);
  });

  it('never returns a scope that was not requested or not granted', () => {
    const granted = new Set(['read:user']);
    expect(filterRequestedScopes(['read:user', 'maintain:user', 'read:user'], granted)).toEqual(['read:user']);
    expect(filterRequestedScopes([], granted)).toEqual([]);
  });

  it('lists the roles that grant a scope of the resource', () => {
    expect(rolesForResource(roles, api)).toEqual(['user:reader', 'user:maintainer']);
  });

  it.each([
    [['a', 'b'], ['b'], 'b'],
    [['a', 'b'], ['c', 'a'], 'a'],
    [['a', 'b'], ['c'], 'a'],
    [[], ['a'], undefined],
  ])('picks the default role from %j preferring %j', (allowed, preferred, expected) => {
    expect(pickDefaultRole(allowed, preferred)).toBe(expected);
  });

  it('parses a comma-separated role list', () => {
    expect(parseRoleNameList(' user:reader, ,user:maintainer ')).toEqual(['user:reader', 'user:maintainer']);
    expect(parseRoleNameList(undefined)).toEqual([]);
  });

  it('ignores roles of the wrong type for the holder', () => {
    const mixed = groupRoleScopes([fact('m', 'machine', 'read:user', api, 'MachineToMachine'), fact('u', 'user', 'read:user')]);
    expect(effectiveRoles(mixed, 'user').map((r) => r.name)).toEqual(['user']);
    expect(effectiveRoles(mixed, 'application').map((r) => r.name)).toEqual(['machine']);
  });

  it('refuses to assign a machine role to a user, naming the role', () => {
    expect(() => assertRolesAssignable([{ name: 'bot', type: 'MachineToMachine' }], 'user')).toThrow(/User roles/);
    expect(() => assertRolesAssignable([{ name: 'bot', type: 'MachineToMachine' }], 'application')).not.toThrow();
  });
});
