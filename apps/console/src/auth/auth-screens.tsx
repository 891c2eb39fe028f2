import { useEffect, useRef } from 'react';
import type { ConsoleUser } from './auth-gate.tsx';

interface Props {
  kind: 'loading' | 'signed-out' | 'error' | 'not-admin';
  message?: string;
  user?: ConsoleUser;
  onSignIn?: () => void;
  onSignOut?: () => void;
}

/** Full-screen states shown before the console itself: loading, signed out, errors, not an admin. */
export function AuthScreen({ kind, message, user, onSignIn, onSignOut }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [kind]);
  const titles = {
    loading: 'Gatehouse Console',
    'signed-out': 'Gatehouse Console',
    error: 'Sign-in failed',
    'not-admin': 'No access to the console',
  } as const;
  return (
    <main className="center-screen">
      <div className="center-card">
        <div className="brand">
          <img src="/console/favicon.svg" alt="" /> Gatehouse
        </div>
        <h1 ref={heading} tabIndex={-1}>
          {titles[kind]}
        </h1>
        {kind === 'loading' && (
          <div className="row" role="status">
            <span className="spinner" aria-hidden="true" /> {message}
          </div>
        )}
        {kind === 'signed-out' && <p className="muted">{message ?? 'Sign in with an administrator account.'}</p>}
        {kind === 'error' && (
          <p className="alert alert-error" role="alert">
            {message}
          </p>
        )}
        {kind === 'not-admin' && (
          <p>
            You are signed in as <strong>{user?.username ?? user?.name ?? user?.sub}</strong>, who does not hold the built-in role{' '}
            <code>gatehouse:admin</code>. Ask an administrator to assign it, then sign in again.
          </p>
        )}
        {kind === 'not-admin' ? (
          <button type="button" className="btn btn-primary" onClick={onSignOut}>
            Sign out
          </button>
        ) : (
          kind !== 'loading' && (
            <button type="button" className="btn btn-primary" onClick={onSignIn}>
              Sign in
            </button>
          )
        )}
      </div>
    </main>
  );
}
