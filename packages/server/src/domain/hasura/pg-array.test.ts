import { describe, expect, it } from 'vitest';
import { postgresArrayLiteral } from './pg-array.ts';

/** Postgres's array input rules for a one-dimensional text array (array_in), to read a literal back. */
function parsePostgresArray(literal: string): Array<string | null> {
  expect(literal.startsWith('{') && literal.endsWith('}')).toBe(true);
  const body = literal.slice(1, -1);
  const out: Array<string | null> = [];
  if (body === '') return out;
  let i = 0;
  for (;;) {
    if (body[i] === '"') {
      let value = '';
      i += 1;
      while (body[i] !== '"') {
        if (i >= body.length) throw new Error('unterminated quoted element');
        if (body[i] === '\\') i += 1;
        value += body[i];
        i += 1;
      }
      i += 1;
      out.push(value);
    } else {
      const end = body.indexOf(',', i);
      const raw = body.slice(i, end === -1 ? undefined : end);
      // Bare elements may not hold these at all; whitespace around them would be trimmed.
      expect(raw).not.toMatch(/[{}"\\]|^\s|\s$/);
      out.push(raw.toUpperCase() === 'NULL' ? null : raw);
      i += raw.length;
    }
    if (i === body.length) return out;
    expect(body[i]).toBe(',');
    i += 1;
  }
}

describe('postgresArrayLiteral', () => {
  it('leaves plain ids bare', () => {
    expect(postgresArrayLiteral(['org_a', 'b-2'])).toBe('{org_a,b-2}');
    expect(postgresArrayLiteral([])).toBe('{}');
  });

  it('quotes and escapes what Postgres would otherwise split, trim or read as NULL', () => {
    expect(postgresArrayLiteral(['a,b', 'say "hi"', '{x}', 'back\\slash', ' pad ', 'tab\there', 'NULL', 'null', ''])).toBe(
      '{"a,b","say \\"hi\\"","{x}","back\\\\slash"," pad ","tab\there","NULL","null",""}',
    );
  });

  it('reads back as the same values for names with commas, quotes, braces, backslashes and whitespace', () => {
    const names = ['Acme, Inc.', 'the "best" org', '{braces}', 'a\\b', '\\"', ' lead', 'trail ', 'new\nline', 'NuLl', '', 'plain', 'ünï'];
    expect(parsePostgresArray(postgresArrayLiteral(names))).toEqual(names);
    for (const name of names) expect(parsePostgresArray(postgresArrayLiteral([name]))).toEqual([name]);
  });
});
