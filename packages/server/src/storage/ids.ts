import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 21 lowercase alphanumerics (~108 bits), the shape of Logto's ids. */
export function newId(length = 21): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i += 1) {
    const b = bytes[i];
    if (b < 252) out += alphabet[b % 36]; // reject the top 4 values: no modulo bias
  }
  return out.length === length ? out : newId(length);
}
