import type { SignInCallbackResult } from '@gatehouse/client';
import { useEffect, useRef } from 'react';
import { useGatehouse } from './context.ts';

/**
 * State of the sign-in callback, from {@link useHandleSignInCallback}.
 *
 * @example
 * ```tsx
 * const { isLoading, error }: SignInCallbackState = useHandleSignInCallback();
 * ```
 */
export interface SignInCallbackState {
  isLoading: boolean;
  isAuthenticated: boolean;
  error: Error | undefined;
}

/**
 * For the redirect URI's page: completes the sign-in with the current URL once (React's
 * StrictMode double effects included), then calls `onDone` with the sign-in's `appState`,
 * e.g. to leave the callback URL for the page the user started from.
 *
 * @example
 * ```tsx
 * function Callback() {
 *   const { error } = useHandleSignInCallback(({ appState }) => window.history.replaceState(null, '', appState ?? '/'));
 *   return error ? <p>Sign-in failed: {error.message}</p> : <p>Signing you in…</p>;
 * }
 * ```
 */
export function useHandleSignInCallback(onDone?: (result: SignInCallbackResult) => void): SignInCallbackState {
  const { handleSignInCallback, isLoading, isAuthenticated, error } = useGatehouse();
  const onDoneRef = useRef(onDone);
  const started = useRef(false);
  useEffect(() => {
    onDoneRef.current = onDone;
  });
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    handleSignInCallback(window.location.href).then(
      (result) => onDoneRef.current?.(result),
      () => undefined, // reported through `error`
    );
  }, [handleSignInCallback]);
  return { isLoading, isAuthenticated, error };
}
