import { describe, expect, it } from 'vitest';
import { encodeJsonPath, executeJsonPath, invalidJsonPathMessage, parseJsonPath } from './json-path.ts';

describe('parseJsonPath (Hasura dialect)', () => {
  it.each([
    ['$', []],
    ['$.hasura', [{ key: 'hasura' }]],
    ['hasura.claims', [{ key: 'hasura' }, { key: 'claims' }]],
    ['$.hasura.all_roles[0]', [{ key: 'hasura' }, { key: 'all_roles' }, { index: 0 }]],
    ['$.["https://myapp.com/jwt/claims"].user.id', [{ key: 'https://myapp.com/jwt/claims' }, { key: 'user' }, { key: 'id' }]],
    ['$[\'it\\\'s\']["a\\"b"]', [{ key: "it's" }, { key: 'a"b' }]],
    ['$.x-hasura_1', [{ key: 'x-hasura_1' }]],
    ['$.名前', [{ key: '名前' }]],
  ])('parses %s', (text, path) => {
    expect(parseJsonPath(text)).toEqual({ ok: true, path });
  });

  it.each(['', '$.', '$..a', '$.1abc', '$.a:b', '$[abc]', '$["unterminated]', '$$'])('rejects %s', (text) => {
    expect(parseJsonPath(text)).toEqual({ ok: false, message: invalidJsonPathMessage(text) });
  });
});

describe('encodeJsonPath', () => {
  it('writes keys with special characters in brackets, as Hasura does in its messages', () => {
    expect(encodeJsonPath([{ key: 'https://x.io/claims' }, { key: 'roles' }, { index: 2 }])).toBe('$["https://x.io/claims"].roles[2]');
    expect(encodeJsonPath([{ key: '1st' }])).toBe('$["1st"]');
  });
});

describe('executeJsonPath', () => {
  const doc = { a: { b: [10, { c: null }] } };
  it('finds values, including null', () => {
    expect(executeJsonPath([{ key: 'a' }, { key: 'b' }, { index: 1 }, { key: 'c' }], doc)).toEqual({ found: true, value: null });
  });
  it('reports missing keys, out-of-range indices and type mismatches as not found', () => {
    expect(executeJsonPath([{ key: 'z' }], doc)).toEqual({ found: false });
    expect(executeJsonPath([{ key: 'a' }, { key: 'b' }, { index: 5 }], doc)).toEqual({ found: false });
    expect(executeJsonPath([{ key: 'a' }, { index: 0 }], doc)).toEqual({ found: false });
  });
});
