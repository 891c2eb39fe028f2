export { GatehouseClient } from './client.ts';
export type { AccessTokenClaims, HasuraClaims, IdTokenClaims, UserInfo } from './claims.ts';
export { decodeJwtPayload } from './claims.ts';
export { DEFAULT_SCOPES, ReservedResource, UserScope, type GatehouseConfig } from './config.ts';
export { GatehouseError, isGatehouseError, type GatehouseErrorCode } from './errors.ts';
export type { FetchWithTokenInit } from './fetch-with-token.ts';
export type { SignInCallbackResult, SignInOptions, SignInParams } from './protocol.ts';
export { BrowserStorage, MemoryStorage, type Storage, type StorageKey } from './storage.ts';
export type * from './dto.ts';
