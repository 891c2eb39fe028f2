import type { ResourceDto } from '@gatehouse/client/dto';
import { describe, expect, it } from 'vitest';
import { grantedScope, tokenFor, type ContextRole } from './build-context.ts';
import { envErrors, toRecord } from './env-table.tsx';

const hasura: ResourceDto = { id: 'r1', name: 'Hasura', indicator: 'https://hasura.example.com/api', accessTokenTtl: 3600 };
const other: ResourceDto = { id: 'r2', name: 'Other', indicator: 'https://other.example.com', accessTokenTtl: 3600 };
const full: ContextRole[] = [
  {
    id: 'a',
    name: 'user:reader',
    description: null,
    scopes: [
      {
        id: 's1',
        resourceId: 'r1',
        name: 'read:user',
        description: 'Read users',
        resource: { id: 'r1', name: 'Hasura', indicator: hasura.indicator },
      },
    ],
  },
  {
    id: 'b',
    name: 'billing',
    description: null,
    scopes: [
      { id: 's2', resourceId: 'r2', name: 'pay', description: null, resource: { id: 'r2', name: 'Other', indicator: other.indicator } },
    ],
  },
];

describe('custom JWT context from real data', () => {
  it("fills the token's sub, aud and the scope the roles grant for that audience only", () => {
    expect(grantedScope(full, hasura.indicator)).toBe('read:user');
    const token = tokenFor({ jti: 'j', sub: 'sample', aud: 'x', scope: 'all' }, 'u1', hasura, full, false);
    expect(token).toEqual({ jti: 'j', sub: 'u1', aud: hasura.indicator, scope: 'read:user' });
    expect(tokenFor({ client_id: 'x' }, 'app1', other, full, true)).toEqual({
      client_id: 'app1',
      sub: 'app1',
      aud: other.indicator,
      scope: 'pay',
    });
  });

  it('checks environment variable names the way the server does', () => {
    expect(
      envErrors([
        { key: 'USER_DEFAULT_ROLE_NAMES', value: 'user:reader' },
        { key: '', value: '' },
      ]),
    ).toEqual({});
    expect(
      envErrors([
        { key: '1ABC', value: 'x' },
        { key: 'A', value: '1' },
        { key: 'A', value: '2' },
        { key: '', value: 'v' },
      ]),
    ).toEqual({
      0: 'Use letters, digits and _, not starting with a digit.',
      2: 'A is defined twice.',
      3: 'A value needs a name.',
    });
    expect(
      toRecord([
        { key: ' A ', value: '1' },
        { key: '', value: '' },
      ]),
    ).toEqual({ A: '1' });
  });
});
