import { describe, expectTypeOf, it } from 'vitest';
import type { BrowserStorage, GatehouseClient, GatehouseError, MemoryStorage } from '../src/index.ts';
import {
  isGatehouseError,
  ReservedResource,
  UserScope,
  type AccessTokenClaims,
  type FetchWithTokenInit,
  type GatehouseConfig,
  type GatehouseErrorCode,
  type HasuraClaims,
  type IdTokenClaims,
  type ResourceDto,
  type SignInCallbackResult,
  type SignInOptions,
  type Storage,
  type StorageKey,
  type UserInfo,
} from '../src/index.ts';

declare const client: GatehouseClient;

describe('public types of @gatehouse/client', () => {
  it('requires endpoint and appId, and nothing else, in the config (Logto’s shape)', () => {
    expectTypeOf<{ endpoint: string; appId: string }>().toExtend<GatehouseConfig>();
    expectTypeOf<{ endpoint: string }>().not.toExtend<GatehouseConfig>();
    expectTypeOf<{
      endpoint: string;
      appId: string;
      appSecret: string;
      scopes: string[];
      resources: string[];
      prompt: string;
      storage: Storage;
      fetch: typeof fetch;
      now: () => number;
    }>().toExtend<GatehouseConfig>();
    expectTypeOf<{ endpoint: string; appId: string; resources: string }>().not.toExtend<GatehouseConfig>();
  });

  it('types the client methods', () => {
    // Two forms, as Logto's: (redirectUri, options?) and ({ redirectUri, firstScreen, ... }).
    expectTypeOf(client.signIn).toBeCallableWith('https://app.example/callback');
    const options: SignInOptions = {};
    expectTypeOf(client.signIn).toBeCallableWith('https://app.example/callback', options);
    expectTypeOf(client.signIn).toBeCallableWith({ redirectUri: 'https://app.example/callback', firstScreen: 'register' });
    expectTypeOf(client.signIn).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(client.getSignInUrl).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(client.handleSignInCallback).parameters.toEqualTypeOf<[callbackUrl: string]>();
    expectTypeOf(client.handleSignInCallback).returns.toEqualTypeOf<Promise<SignInCallbackResult>>();
    expectTypeOf<SignInCallbackResult>().toEqualTypeOf<{ appState?: string }>();
    expectTypeOf<SignInOptions['appState']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(client.invalidateAccessToken).parameters.toEqualTypeOf<
      [resource: string | undefined, token: string, organizationId?: string]
    >();
    expectTypeOf(client.invalidateAccessToken).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(client.isAuthenticated).returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(client.getIdTokenClaims).returns.toEqualTypeOf<Promise<IdTokenClaims>>();
    expectTypeOf(client.fetchUserInfo).returns.toEqualTypeOf<Promise<UserInfo>>();
    expectTypeOf(client.getAccessToken).parameters.toEqualTypeOf<[resource?: string, organizationId?: string]>();
    expectTypeOf(client.getAccessToken).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(client.getAccessTokenClaims).parameters.toEqualTypeOf<[resource: string, organizationId?: string]>();
    expectTypeOf(client.getAccessTokenClaims).returns.toEqualTypeOf<Promise<AccessTokenClaims>>();
    expectTypeOf(client.signOut).parameters.toEqualTypeOf<[postLogoutRedirectUri?: string]>();
    expectTypeOf(client.signOut).returns.toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf(client.fetchWithToken).returns.toEqualTypeOf<Promise<Response>>();
  });

  it('types organization tokens as Logto’s SDK does', () => {
    expectTypeOf(client.getOrganizationToken).parameters.toEqualTypeOf<[organizationId: string]>();
    expectTypeOf(client.getOrganizationToken).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(client.getOrganizationTokenClaims).parameters.toEqualTypeOf<[organizationId: string]>();
    expectTypeOf(client.getOrganizationTokenClaims).returns.toEqualTypeOf<Promise<AccessTokenClaims>>();
    expectTypeOf(UserScope.Organizations).toEqualTypeOf<'urn:logto:scope:organizations'>();
    expectTypeOf(UserScope.OrganizationRoles).toEqualTypeOf<'urn:logto:scope:organization_roles'>();
    expectTypeOf(ReservedResource.Organization).toEqualTypeOf<'urn:logto:resource:organizations'>();
    expectTypeOf<IdTokenClaims['organizations']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<IdTokenClaims['organization_roles']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<AccessTokenClaims['organization_id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<HasuraClaims['x-hasura-org-id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<FetchWithTokenInit['organizationId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<'scope_not_configured'>().toExtend<GatehouseErrorCode>();
  });

  it('needs a resource for fetchWithToken and accepts the rest of RequestInit', () => {
    expectTypeOf<{
      resource: string;
      hasuraRole: string;
      method: string;
      headers: Record<string, string>;
    }>().toExtend<FetchWithTokenInit>();
    expectTypeOf<{ hasuraRole: string }>().not.toExtend<FetchWithTokenInit>();
    expectTypeOf<FetchWithTokenInit>().toExtend<RequestInit>();
  });

  it('types the claims, Hasura’s included', () => {
    expectTypeOf<IdTokenClaims['sub']>().toEqualTypeOf<string>();
    expectTypeOf<AccessTokenClaims['aud']>().toEqualTypeOf<string | string[]>();
    expectTypeOf<AccessTokenClaims['scope']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<AccessTokenClaims['https://hasura.io/jwt/claims']>().toEqualTypeOf<HasuraClaims | undefined>();
    expectTypeOf<HasuraClaims['x-hasura-allowed-roles']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<HasuraClaims['x-hasura-default-role']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<AccessTokenClaims['custom']>().toEqualTypeOf<unknown>();
  });

  it('gives errors a closed set of codes and narrows with isGatehouseError', () => {
    expectTypeOf<GatehouseError['code']>().toEqualTypeOf<GatehouseErrorCode>();
    expectTypeOf<'session_expired'>().toExtend<GatehouseErrorCode>();
    expectTypeOf<'not_authenticated'>().toExtend<GatehouseErrorCode>();
    expectTypeOf<'something_else'>().not.toExtend<GatehouseErrorCode>();
    expectTypeOf<GatehouseError['oauthError']>().toEqualTypeOf<string | undefined>();
    const error: unknown = new Error('x');
    if (isGatehouseError(error, 'session_expired')) expectTypeOf(error).toEqualTypeOf<GatehouseError>();
    expectTypeOf<GatehouseError>().toExtend<Error>();
  });

  it('has an async, pluggable Storage that both built-in storages implement', () => {
    expectTypeOf<StorageKey>().toEqualTypeOf<'session' | 'signInSession'>();
    expectTypeOf<Storage['getItem']>().returns.toEqualTypeOf<Promise<string | null>>();
    expectTypeOf<MemoryStorage>().toExtend<Storage>();
    expectTypeOf<BrowserStorage>().toExtend<Storage>();
    expectTypeOf<{ getItem(key: string): string | null }>().not.toExtend<Storage>();
  });

  it('re-exports the server’s wire types', () => {
    expectTypeOf<ResourceDto['indicator']>().toEqualTypeOf<string>();
  });
});
