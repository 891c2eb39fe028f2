/**
 * Hasura's JSON path dialect, used by `claims_namespace_path` and `claims_map` paths
 * (HASURA.md §2.10; `Data.Parser.JSONPath`). It is not JSONPath-the-standard: no wildcards,
 * no filters, just keys and indices.
 */

type JsonPathElement = { key: string } | { index: number };
export type JsonPath = JsonPathElement[];

export type JsonPathParse = { ok: true; path: JsonPath } | { ok: false; message: string };

// attoparsec's `letter` is Unicode `isAlpha`; `digit` is ASCII only.
const isLetter = (char: string): boolean => /^\p{L}$/u.test(char);
const isDigit = (char: string): boolean => char >= '0' && char <= '9';

export function invalidJsonPathMessage(text: string): string {
  return `${text}. Accept letters, digits, underscore (_) or hyphen (-) only. Use quotes enclosed in bracket (["..."]) if there is any special character`;
}

export function parseJsonPath(text: string): JsonPathParse {
  if (text === '$') return { ok: true, path: [] };
  const chars = Array.from(text);
  let pos = chars[0] === '$' ? 1 : 0;
  const path: JsonPath = [];
  while (pos < chars.length) {
    const element = readElement(chars, pos);
    if (!element) return { ok: false, message: invalidJsonPathMessage(text) };
    path.push(element.element);
    pos = element.next;
  }
  if (path.length === 0) return { ok: false, message: invalidJsonPathMessage(text) };
  return { ok: true, path };
}

function readElement(chars: string[], start: number): { element: JsonPathElement; next: number } | undefined {
  // `[.]name` first; attoparsec backtracks to the bracket form when it fails.
  let pos = chars[start] === '.' ? start + 1 : start;
  const first = chars[pos];
  if (first !== undefined && (isLetter(first) || first === '_')) {
    let name = first;
    pos += 1;
    while (pos < chars.length && (isLetter(chars[pos]) || isDigit(chars[pos]) || chars[pos] === '-' || chars[pos] === '_')) {
      name += chars[pos];
      pos += 1;
    }
    return { element: { key: name }, next: pos };
  }
  return readBracket(chars, start);
}

function readBracket(chars: string[], start: number): { element: JsonPathElement; next: number } | undefined {
  let pos = chars[start] === '.' ? start + 1 : start;
  if (chars[pos] !== '[') return undefined;
  pos += 1;
  if (isDigit(chars[pos] ?? '')) {
    let digits = '';
    while (isDigit(chars[pos] ?? '')) digits += chars[pos++];
    if (chars[pos] !== ']') return undefined;
    return { element: { index: Number(digits) }, next: pos + 1 };
  }
  const quote = chars[pos];
  if (quote !== '"' && quote !== "'") return undefined;
  pos += 1;
  let inner = '';
  for (;;) {
    const char = chars[pos];
    if (char === undefined) return undefined;
    if (char === quote) break;
    if (char === '\\') {
      const next = chars[pos + 1];
      if (next === undefined) return undefined;
      // In single quotes `\'` means a quote; every other escape is a JSON escape.
      inner += quote === "'" && next === "'" ? "'" : `\\${next}`;
      pos += 2;
      continue;
    }
    inner += quote === "'" && char === '"' ? '\\"' : char;
    pos += 1;
  }
  pos += 1;
  if (chars[pos] !== ']') return undefined;
  try {
    const key: unknown = JSON.parse(`"${inner}"`);
    return typeof key === 'string' ? { element: { key }, next: pos + 1 } : undefined;
  } catch {
    return undefined;
  }
}

/** A name Hasura writes as `.name` in a JSON path (otherwise `["name"]`). */
export const JSON_PATH_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Hasura's `encodeJSONPath`: how a path appears inside its error messages. */
export function encodeJsonPath(path: JsonPath): string {
  let out = '$';
  for (const element of path) {
    if ('index' in element) out += `[${element.index}]`;
    else if (JSON_PATH_NAME.test(element.key)) out += `.${element.key}`;
    else out += `[${JSON.stringify(element.key)}]`;
  }
  return out;
}

/** Hasura's `executeJSONPath`: a missing key, an index out of range or a type mismatch is "not found". */
export function executeJsonPath(path: JsonPath, value: unknown): { found: true; value: unknown } | { found: false } {
  let current: unknown = value;
  for (const element of path) {
    if ('index' in element) {
      if (!Array.isArray(current) || element.index >= current.length) return { found: false };
      current = current[element.index];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { found: false };
      if (!Object.prototype.hasOwnProperty.call(current, element.key)) return { found: false };
      current = (current as Record<string, unknown>)[element.key];
    }
  }
  return { found: true, value: current };
}
