export { useGatehouse, type GatehouseContextValue } from './context.ts';
export { GatehouseProvider, type GatehouseProviderProps } from './provider.tsx';
export { useHandleSignInCallback, type SignInCallbackState } from './use-handle-sign-in-callback.ts';
export {
  GatehouseError,
  isGatehouseError,
  ReservedResource,
  UserScope,
  type AccessTokenClaims,
  type GatehouseConfig,
  type GatehouseErrorCode,
  type HasuraClaims,
  type IdTokenClaims,
  type SignInCallbackResult,
  type SignInOptions,
  type SignInParams,
  type UserInfo,
} from '@gatehouse/client';
