import { decodeJwtPayload } from '@gatehouse/client';
import type { SubjectTokenDto } from '@gatehouse/client/dto';
import { ApiError, type ApiClient } from './http.ts';

const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export interface TestToken {
  accessToken: string;
  claims: Record<string, unknown>;
  expiresIn: number;
}

/**
 * "Get a test token": Logto's impersonation path, run by the console. The Management API mints
 * a single-use subject token for the user; the console (a public client) exchanges it at
 * /oidc/token (RFC 8693) presenting the admin's own Management API token as actor_token, which
 * the server requires of it. The token is a real one: its `act` names the admin.
 */
export async function getTestToken(api: ApiClient, input: { userId: string; resource: string; scope?: string }): Promise<TestToken> {
  if (!api.accessToken) throw new Error('no admin token to act with');
  const { subjectToken } = await api.send<SubjectTokenDto>('POST', '/subject-tokens', { userId: input.userId });
  const response = await fetch('/oidc/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: 'gatehouse-console',
      subject_token: subjectToken,
      subject_token_type: ACCESS_TOKEN_TYPE,
      actor_token: await api.accessToken(),
      actor_token_type: ACCESS_TOKEN_TYPE,
      resource: input.resource,
      ...(input.scope?.trim() ? { scope: input.scope.trim() } : {}),
    }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    const error = typeof body.error === 'string' ? body.error : `http.${response.status}`;
    const detail = typeof body.error_description === 'string' ? body.error_description : error;
    throw new ApiError({
      title: 'The token exchange was refused',
      status: response.status,
      code: error,
      detail: `Token exchange refused: ${detail}`,
    });
  }
  return { accessToken: body.access_token, claims: decodeJwtPayload(body.access_token), expiresIn: Number(body.expires_in) };
}
