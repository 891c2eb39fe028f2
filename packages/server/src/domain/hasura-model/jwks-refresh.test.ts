import { describe, expect, it } from 'vitest';
import { jwksRefreshPlan } from './jwt-mode.ts';

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0) / 1000;

describe('jwksRefreshPlan (Hasura §4.2)', () => {
  it.each<[string, Record<string, string>, number | null, string]>([
    ['max-age', { 'Cache-Control': 'public, max-age=600' }, 600, 'cache-control'],
    ['s-maxage', { 'cache-control': 's-maxage=30' }, 30, 'cache-control'],
    ['must-revalidate with max-age', { 'cache-control': 'max-age=60, must-revalidate' }, 60, 'cache-control'],
    ['must-revalidate alone: every second', { 'cache-control': 'must-revalidate' }, 0, 'cache-control'],
    ['no-cache: every second', { 'cache-control': 'no-cache, max-age=600' }, 0, 'cache-control'],
    ['no-store: every second', { 'cache-control': 'no-store' }, 0, 'cache-control'],
    [
      'Cache-Control without expiry falls through to Expires',
      { 'cache-control': 'public', expires: 'Wed, 01 Jan 2025 00:10:00 GMT' },
      600,
      'expires',
    ],
    ['Expires in the past: every second', { expires: 'Tue, 31 Dec 2024 23:00:00 GMT' }, 0, 'expires'],
    ['no header: never', {}, null, 'none'],
    ['directive names are case-sensitive', { 'cache-control': 'Max-Age=600' }, null, 'none'],
  ])('%s', (_name, headers, refreshAfterSeconds, source) => {
    expect(jwksRefreshPlan(headers, NOW)).toMatchObject({ refreshAfterSeconds, source });
  });

  it('keeps the previous expiry when a header cannot be parsed', () => {
    expect(jwksRefreshPlan({ expires: '2025-01-01T00:10:00Z' }, NOW)).toMatchObject({
      refreshAfterSeconds: null,
      keepsPreviousExpiry: true,
    });
    expect(jwksRefreshPlan({ 'cache-control': 'max-age=soon' }, NOW)).toMatchObject({
      refreshAfterSeconds: null,
      keepsPreviousExpiry: true,
    });
    expect(jwksRefreshPlan({ 'cache-control': '=' }, NOW)).toMatchObject({ keepsPreviousExpiry: true, source: 'cache-control' });
  });

  it('reads a fetch Headers object', () => {
    expect(jwksRefreshPlan(new Headers({ 'Cache-Control': 'max-age=300' }), NOW)).toMatchObject({ refreshAfterSeconds: 300 });
  });
});
