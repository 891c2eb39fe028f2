import { useGatehouse, useHandleSignInCallback } from '@gatehouse/react';
import { useState } from 'react';
import type { ExampleConfig } from './config.ts';
import { SignedIn } from './signed-in.tsx';

function Callback({ onDone }: { onDone: () => void }) {
  const { error } = useHandleSignInCallback(onDone);
  return error ? (
    <p className="error" id="error">
      Sign-in failed: {error.message}
    </p>
  ) : (
    <p>Signing you in…</p>
  );
}

export function App({ config }: { config: ExampleConfig }) {
  const [path, setPath] = useState(window.location.pathname);
  const { isAuthenticated, isLoading, error, signIn } = useGatehouse();

  let body;
  if (path === '/callback') {
    body = (
      <Callback
        onDone={() => {
          window.history.replaceState(null, '', '/');
          setPath('/');
        }}
      />
    );
  } else if (isLoading) {
    body = <p>Loading…</p>;
  } else if (!isAuthenticated) {
    body = (
      <section>
        <h2>You are signed out</h2>
        <button id="sign-in" onClick={() => void signIn(`${window.location.origin}/callback`).catch(() => undefined)}>
          Sign in
        </button>{' '}
        <button
          id="create-account"
          onClick={() => void signIn({ redirectUri: `${window.location.origin}/callback`, firstScreen: 'register' }).catch(() => undefined)}
        >
          Create account
        </button>
        {error && (
          <p className="error" id="error">
            {error.message}
          </p>
        )}
      </section>
    );
  } else {
    body = <SignedIn config={config} />;
  }
  return (
    <main>
      <h1>Gatehouse + Hasura</h1>
      <p className="note">
        Step 5 of the Hasura guide: sign in, get an access token for <code>{config.resource}</code>, call the API with a role.
      </p>
      {body}
    </main>
  );
}
