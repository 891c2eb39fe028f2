import { describe, expect, it } from 'vitest';
import { email, httpUrl, oneOf, optional, password, phone, redirectUri, sameAs, scopeName, tokenTtl, username, validate } from './rules.ts';

// Table-driven against the server's zod rules (packages/server/src/routes/schemas.ts).
const ok = undefined;

describe('validation rules', () => {
  it.each([
    ['https://hasura.example.com/api', ok],
    ['http://localhost:8080/v1/graphql', ok],
    ['https://hasura.example.com/api#x', 'must be an absolute http(s) URL without a fragment'],
    ['hasura.example.com', 'must be an absolute http(s) URL without a fragment'],
    ['urn:hasura', 'must be an absolute http(s) URL without a fragment'],
  ])('httpUrl(%j)', (value, expected) => expect(httpUrl(value, {})).toBe(expected));

  it.each([
    ['http://localhost:5173/callback', ok],
    ['com.example.app://callback', ok],
    ['https://app.example.com/cb#', 'must be an absolute URI without a fragment or wildcard'],
    ['https://*.example.com/cb', 'must be an absolute URI without a fragment or wildcard'],
    ['data:text/html,hi', 'must be an absolute URI without a fragment or wildcard'],
    ['/relative', 'must be an absolute URI without a fragment or wildcard'],
  ])('redirectUri(%j)', (value, expected) => expect(redirectUri(value, {})).toBe(expected));

  it.each([
    ['read:user', true],
    ['maintain:user', true],
    ['a!#$%&()*+,-./:;<=>?@[]^_`{|}~', true],
    ['read user', false],
    ['"quoted"', false],
    ['back\\slash', false],
    ['', false],
  ])('scopeName(%j) valid=%s', (value, valid) => expect(scopeName(value, {}) === undefined).toBe(valid));

  it.each([
    ['demo', true],
    ['_admin.ops-1', true],
    ['1demo', false],
    ['demo user', false],
    ['a'.repeat(129), false],
  ])('username(%j) valid=%s', (value, valid) => expect(username(value, {}) === undefined).toBe(valid));

  it.each([
    ['+4915112345678', true],
    ['12345', true],
    ['1234', false],
    ['+49 151 1234', false],
    ['0049-151', false],
    ['+'.concat('1'.repeat(21)), false],
  ])('phone(%j) valid=%s', (value, valid) => expect(phone(value, {}) === undefined).toBe(valid));

  it('oneOf accepts any of several other fields', () => {
    const rule = oneOf(['primaryEmail', 'primaryPhone'], 'one needed');
    expect(rule('', { primaryEmail: ' ', primaryPhone: '' })).toBe('one needed');
    expect(rule('', { primaryEmail: '', primaryPhone: '+4915112345678' })).toBeUndefined();
    expect(rule('demo', {})).toBeUndefined();
  });

  it('email, password, token lifetime', () => {
    expect(email('demo@example.com', {})).toBeUndefined();
    expect(email('demo@localhost', {})).toBe('must be an email address');
    expect(password('1234567', {})).toBe('must be at least 8 characters');
    expect(password('12345678', {})).toBeUndefined();
    expect(tokenTtl('59', {})).toBe('must be between 60 and 86400 seconds');
    expect(tokenTtl('3600', {})).toBeUndefined();
    expect(tokenTtl('1.5', {})).toBe('must be a whole number of seconds');
  });

  it('validate keeps the first failing rule per field and sees the whole form', () => {
    const values = { username: '', primaryEmail: '', password: 'x', confirm: 'y' };
    expect(
      validate(values, {
        username: [oneOf('primaryEmail', 'one needed'), optional(username)],
        password: [optional(password)],
        confirm: [sameAs('password', 'must match')],
      }),
    ).toEqual({ username: 'one needed', password: 'must be at least 8 characters', confirm: 'must match' });
  });
});
