import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The seams STYLE.md §13 keeps closed, checked over the source as text: SQL only in storage/,
 * each JSON column parsed by its one reader, route files away from storage, and errors that
 * carry their status through AppError's one code table rather than ad hoc.
 */
const root = import.meta.dirname;

function sources(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return [{ path: relative(root, full), text: readFileSync(full, 'utf8') }];
  });
}

const files = sources(root);
const offenders = (keep: (file: { path: string; text: string }) => boolean, pattern: RegExp) =>
  files.filter((file) => keep(file) && pattern.test(file.text)).map((file) => file.path);

describe('the layers of the server', () => {
  it('reads the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('keeps every SQL query in storage/', () => {
    const query = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`|^import (?!type)[^;]*from 'kysely'/m;
    expect(offenders((file) => !file.path.startsWith('storage/'), query)).toEqual([]);
  });

  it('parses the redirect-URI and custom-data JSON columns in one reader', () => {
    const parse = /JSON\.parse\([^)]*\b(redirectUris|postLogoutRedirectUris|customData)\b/;
    expect(offenders((file) => file.path !== 'storage/repositories/json-columns.ts', parse)).toEqual([]);
  });

  it('keeps route files away from storage (they call services)', () => {
    expect(offenders((file) => file.path.startsWith('routes/'), /from '\.\.\/storage\//)).toEqual([]);
  });

  it('gives errors their HTTP status through AppError codes, never an ad-hoc status property', () => {
    expect(offenders(() => true, /Object\.assign\(new Error\([^)]*\),\s*\{\s*status/)).toEqual([]);
  });
});
