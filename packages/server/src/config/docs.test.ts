import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configTable } from './docs.ts';

describe('configuration docs', () => {
  it('keeps the README table in step with the schema', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../../README.md'), 'utf8');
    expect(readme).toContain(configTable());
  });
});
