import { useEffect, useState } from 'react';
import { CodeBlock } from '../../ui/code-block.tsx';
import { Loading } from '../../ui/states.tsx';
import { completeTryIt, type TryItResult } from './try-it.ts';
import { markSignInTried } from './try-it-flag.ts';

/**
 * Where a "Try it" sign-in comes back (/console/try-it/callback), outside the console's own
 * sign-in: it needs no admin, only the code verifier the console left for this state.
 */
export function TryItCallbackPage() {
  const [result, setResult] = useState<TryItResult>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const search = window.location.search;
    // The code is single use: drop it from the address bar (and history) at once.
    window.history.replaceState(null, '', window.location.pathname);
    completeTryIt(search).then(
      (r) => {
        markSignInTried();
        setResult(r);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  return (
    <main id="main" className="main try-it-result">
      <div className="stack">
        <h1>Try it: the sign-in result</h1>
        {!result && !error && <Loading label="Exchanging the code for tokens…" />}
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
        {result && (
          <div className="stack" role="status">
            <p>
              Signed in to <strong>{result.clientId}</strong> as{' '}
              <strong>{typeof result.idToken?.sub === 'string' ? result.idToken.sub : 'unknown'}</strong>. These are the tokens the app
              would get, decoded (not verified here).
            </p>
            {result.idToken && (
              <>
                <h2>ID token</h2>
                <CodeBlock label="ID token">{JSON.stringify(result.idToken, null, 2)}</CodeBlock>
              </>
            )}
            {result.accessToken && (
              <>
                <h2>Access token</h2>
                <CodeBlock label="Access token">{JSON.stringify(result.accessToken, null, 2)}</CodeBlock>
              </>
            )}
            {result.opaqueAccessToken && (
              <p className="muted">The access token is opaque (for the userinfo endpoint): choose an API resource to get a JWT.</p>
            )}
            <p className="muted">You can close this window.</p>
          </div>
        )}
      </div>
    </main>
  );
}
