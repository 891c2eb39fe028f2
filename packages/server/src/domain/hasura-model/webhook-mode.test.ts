import { describe, expect, it } from 'vitest';
import { decideWebhookResponse, type WebhookReply } from './webhook-mode.ts';

const NOW = Date.UTC(2025, 0, 1) / 1000;
const reply = (status: number, body: unknown, extra: Partial<WebhookReply> = {}): WebhookReply => ({ status, body, now: NOW, ...extra });

describe('decideWebhookResponse (Hasura §5.4–5.5)', () => {
  it('accepts 200 with string values, finding X-Hasura-Role in any case (Logto reply shape)', () => {
    expect(decideWebhookResponse(reply(200, { 'X-Hasura-User-Id': 'u1', 'X-Hasura-Role': 'user:reader' }))).toEqual({
      accepted: true,
      role: 'user:reader',
      session: { 'x-hasura-user-id': 'u1', 'x-hasura-role': 'user:reader' },
    });
  });

  it('keeps every body key as a session variable, minus the admin secret', () => {
    const decision = decideWebhookResponse(
      reply(200, { 'x-hasura-role': 'r', 'Cache-Control': 'max-age=60', 'X-Hasura-Admin-Secret': 's' }),
    );
    expect(decision).toEqual({
      accepted: true,
      role: 'r',
      session: { 'cache-control': 'max-age=60', 'x-hasura-role': 'r' },
      expiresAt: NOW + 60,
    });
  });

  it('reads Expires from the body, with case-sensitive keys', () => {
    expect(decideWebhookResponse(reply(200, { 'x-hasura-role': 'r', Expires: 'Wed, 01 Jan 2025 01:00:00 GMT' }))).toMatchObject({
      expiresAt: NOW + 3600,
    });
    expect(decideWebhookResponse(reply(200, { 'x-hasura-role': 'r', 'cache-control': 'max-age=60' }))).not.toHaveProperty('expiresAt');
  });

  it.each<[string, WebhookReply, object]>([
    ['401', reply(401, ''), { status: 401, code: 'access-denied', message: 'Authentication hook unauthorized this request' }],
    ['403', reply(403, { 'x-hasura-role': 'r' }), { status: 500, code: 'unexpected', message: 'Invalid response from authorization hook' }],
    ['204', reply(204, ''), { status: 500, code: 'unexpected', message: 'Invalid response from authorization hook' }],
    [
      'a transport failure',
      reply(0, undefined, { transportError: true }),
      { status: 500, code: 'unexpected', message: 'webhook authentication request failed' },
    ],
    [
      'a number value',
      reply(200, { 'X-Hasura-User-Id': 42, 'X-Hasura-Role': 'r' }),
      {
        status: 500,
        code: 'unexpected',
        message:
          "Invalid response from authorization hook: Error in $['X-Hasura-User-Id']: parsing Text failed, expected String, but encountered Number",
      },
    ],
    [
      'a missing role',
      reply(200, { 'X-Hasura-User-Id': 'u1' }),
      { status: 400, code: 'invalid-params', message: 'x-hasura-role not found in session variables' },
    ],
    [
      'an empty role',
      reply(200, { 'x-hasura-role': '' }),
      { status: 400, code: 'invalid-params', message: 'x-hasura-role not found in session variables' },
    ],
    ['a body that is not JSON', reply(200, 'OK'), { status: 500, code: 'unexpected', approximate: true }],
  ])('rejects %s', (_name, input, expected) => {
    expect(decideWebhookResponse(input)).toMatchObject({ accepted: false, ...expected });
  });

  it('parses a raw JSON body given as text', () => {
    expect(decideWebhookResponse(reply(200, '{"X-Hasura-Role":"anonymous"}'))).toMatchObject({ accepted: true, role: 'anonymous' });
  });
});
