/**
 * A Postgres array literal of text values (`{a,b}`), the only form in which Hasura takes an
 * array session variable (it rejects JSON arrays: hasura/graphql-engine#1902). Per Postgres's
 * array input syntax an element is double-quoted, with a backslash before each `"` and `\`,
 * when it is empty, reads as NULL (any case), or holds a brace, comma, quote, backslash or
 * whitespace; anything else stands bare. The Hasura preset script carries the same function.
 */
export function postgresArrayLiteral(values: readonly string[]): string {
  const element = (value: string) =>
    value !== '' && value.toUpperCase() !== 'NULL' && !/[{}",\\\s]/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
  return `{${values.map(element).join(',')}}`;
}
