/**
 * Input generators for the fuzz suite (test/security/fuzz.test.ts): a seeded PRNG, so a
 * failure replays with the same FUZZ_SEED, and values that broke this server or others
 * before (NUL, lone surrogates, direction marks, huge and deep values, wrong types).
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: 32-bit state, good enough spread for test inputs, and reproducible. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

export const nastyStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '\ud800',
  'x\udfffy',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '\uFEFF',
  '😀👩‍👩‍👧‍👦',
  'é'.repeat(300),
  'x'.repeat(600),
  'y'.repeat(70_000),
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '${7*7}{{7*7}}',
  '\\',
  '%',
  '%ff',
  'null',
  'NaN',
  '-1',
  '1e309',
  '\r\n',
  '\t',
  '__proto__',
  'constructor',
];

function deep(levels: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

export function nastyValue(rnd: Random): unknown {
  switch (rnd.int(8)) {
    case 0:
    case 1:
    case 2:
      return rnd.pick(nastyStrings);
    case 3:
      return rnd.pick([0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER]);
    case 4:
      return rnd.pick([true, false, null]);
    case 5:
      return rnd.pick([[], {}, [rnd.pick(nastyStrings)], { '': 1 }, { 'a\u0000': 1 }, Array.from({ length: 2000 }, (_, i) => `id${i}`)]);
    case 6:
      return deep(rnd.pick([33, 40, 65, 300]));
    default:
      return Object.fromEntries(Array.from({ length: 1 + rnd.int(4) }, () => [rnd.pick(nastyStrings), rnd.pick(nastyStrings)]));
  }
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
};

/** A plausible value for a JSON Schema (what a well-meaning client sends), before mutation. */
export function valueFor(schema: JsonSchema | undefined, rnd: Random, depth = 0): unknown {
  if (!schema || depth > 6) return rnd.pick(nastyStrings);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return rnd.pick(schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return valueFor(rnd.pick(alternatives), rnd, depth + 1);
  const type = Array.isArray(schema.type) ? rnd.pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(name) || rnd.chance(0.6)) out[name] = valueFor(prop, rnd, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: 1 + rnd.int(3) }, () => valueFor(schema.items, rnd, depth + 1));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 0, Math.min(schema.maximum ?? 1000, 60 + rnd.int(1000)));
    case 'boolean':
      return rnd.chance(0.5);
    case 'null':
      return null;
    case 'string':
      if (schema.format === 'uri' || schema.format === 'url') return 'http://127.0.0.1:9/fuzz';
      if (schema.format === 'email') return `fuzz${rnd.int(1e6)}@example.com`;
      return `fuzz_${rnd.int(1e9)}`;
    default:
      return rnd.pick(nastyStrings);
  }
}

/** Replaces one value somewhere in a generated body with a nasty one (or the body itself). */
export function mutate(value: unknown, rnd: Random): unknown {
  if (value === null || typeof value !== 'object' || rnd.chance(0.15)) return nastyValue(rnd);
  const container = value as Record<string, unknown>;
  const keys = Object.keys(container);
  if (keys.length === 0 || rnd.chance(0.1)) {
    if (!Array.isArray(container)) container[rnd.pick(nastyStrings)] = nastyValue(rnd);
    return value;
  }
  const key = rnd.pick(keys);
  container[key] = mutate(container[key], rnd);
  return value;
}

/** JSON text nested `levels` deep, built as text: deeper than the test's own stack may stringify. */
export function deepJsonText(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** Raw request bodies that are not (valid) JSON at all. */
export const malformedBodies: readonly string[] = [
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '\u0000',
  '{"a":"\u0000"}',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}}}',
  '['.repeat(50_000),
  '{"a":1}{"b":2}',
  '\uFEFF{}',
  '"just a string"',
  '12345',
];

/** Path parameter values, already in URL form: percent garbage, NUL, direction marks. */
export const nastyPathParams: readonly string[] = [
  '%00',
  'a%00b',
  '%ff',
  '%',
  '%E2%80%AE',
  '%F0%9F%98%80',
  '%ED%A0%80',
  'x'.repeat(300),
  '%2F..%2F',
  "'",
  'null',
  '%C0%80',
];
