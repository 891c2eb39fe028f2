import { z } from 'zod';
import { EnvSchema } from './schema.ts';

/** The README's configuration table, generated from the schema so the two never drift. */
export function configTable(): string {
  const json = z.toJSONSchema(EnvSchema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, { description?: string; default?: unknown; enum?: unknown[] }>;
  };
  const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
  const rows = Object.entries(json.properties).map(([name, p]) => {
    const def = p.default === undefined ? (name === 'ENDPOINT' ? '`http://localhost:$PORT`' : 'unset') : code(p.default);
    const allowed = p.enum ? ` One of ${p.enum.map(code).join(', ')}.` : '';
    return `| \`${name}\` | ${def} | ${(p.description ?? '').replace(/\|/g, '\\|')}${allowed} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
