/**
 * Hasura's `Cache-Control` and `Expires` parsers (`Data.Parser.CacheControl`, `Data.Parser.Expires`),
 * reproduced with their quirks: directive names are case-sensitive, at most one space may
 * surround a comma, and text after the last parsable directive is ignored.
 */

export type CacheDirective = { token: string; value?: string };

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9\p{L}]$/u;
const isSpace = (char: string | undefined): boolean => char !== undefined && /^\s$/u.test(char);

class Cursor {
  pos = 0;
  readonly chars: string[];
  constructor(text: string) {
    this.chars = Array.from(text);
  }
  peek(): string | undefined {
    return this.chars[this.pos];
  }
  optionalSpace(): void {
    if (isSpace(this.peek())) this.pos += 1;
  }
}

function readToken(cursor: Cursor): string | undefined {
  let token = '';
  while (cursor.peek() !== undefined && TCHAR.test(cursor.peek() as string)) token += cursor.chars[cursor.pos++];
  return token === '' ? undefined : token;
}

function readQuoted(cursor: Cursor): string | undefined {
  if (cursor.peek() !== '"') return undefined;
  let pos = cursor.pos + 1;
  let value = '';
  for (;;) {
    const char = cursor.chars[pos];
    if (char === undefined) return undefined;
    if (char === '"') break;
    if (char === '\\') {
      const next = cursor.chars[pos + 1];
      if (next === undefined) return undefined;
      value += next;
      pos += 2;
      continue;
    }
    // qdtext: whitespace and visible ASCII but `"` and `\`, plus letters.
    if (!(isSpace(char) || /^[\x21\x23-\x5b\x5d-\x7e]$/.test(char) || /^\p{L}$/u.test(char))) return undefined;
    value += char;
    pos += 1;
  }
  cursor.pos = pos + 1;
  return value;
}

function readDirective(cursor: Cursor): CacheDirective | undefined {
  const start = cursor.pos;
  const token = readToken(cursor);
  if (token === undefined) return undefined;
  if (cursor.peek() === '=') {
    const afterToken = cursor.pos;
    cursor.pos += 1;
    const value = readToken(cursor) ?? readQuoted(cursor);
    if (value !== undefined) return { token, value };
    // attoparsec backtracks to the bare token; the `=...` rest ends the parse later.
    cursor.pos = afterToken;
  }
  return cursor.pos > start ? { token } : undefined;
}

/** `undefined` when not even one directive parses (Hasura reports a parse error then). */
export function parseCacheControl(text: string): CacheDirective[] | undefined {
  const cursor = new Cursor(text);
  while (cursor.peek() === ',') {
    cursor.pos += 1;
    cursor.optionalSpace();
  }
  const first = readDirective(cursor);
  if (!first) return undefined;
  const directives = [first];
  for (;;) {
    const save = cursor.pos;
    cursor.optionalSpace();
    if (cursor.peek() !== ',') {
      cursor.pos = save;
      break;
    }
    cursor.pos += 1;
    const beforeOptional = cursor.pos;
    cursor.optionalSpace();
    const next = readDirective(cursor);
    if (next) directives.push(next);
    else cursor.pos = beforeOptional;
  }
  return directives;
}

/** `max-age` or `s-maxage`, whichever comes first; `NaN` when its value has no leading digits. */
export function findMaxAge(directives: CacheDirective[]): number | undefined {
  const found = directives.find((d) => d.value !== undefined && (d.token === 'max-age' || d.token === 's-maxage'));
  if (!found) return undefined;
  const digits = /^[0-9]+/.exec(found.value ?? '');
  return digits ? Number(digits[0]) : Number.NaN;
}

/** A bare directive; `no-cache="x"` with a value does not count, as in Hasura. */
export function hasBareDirective(directives: CacheDirective[], token: string): boolean {
  return directives.some((d) => d.value === undefined && d.token === token);
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `%a, %d %b %Y %T GMT` in seconds since the epoch; names case-insensitive, the weekday unchecked. */
export function parseExpires(text: string): number | undefined {
  const match = /^\s*([A-Za-z]{3}), (\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT\s*$/.exec(text);
  if (!match || !DAYS.includes(match[1].toLowerCase())) return undefined;
  const month = MONTHS.indexOf(match[3].toLowerCase());
  const [day, year, hours, minutes, seconds] = [match[2], match[4], match[5], match[6], match[7]].map(Number);
  if (month < 0 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const time = Date.UTC(year, month, day, hours, minutes, seconds);
  if (new Date(time).getUTCDate() !== day) return undefined;
  return time / 1000;
}
