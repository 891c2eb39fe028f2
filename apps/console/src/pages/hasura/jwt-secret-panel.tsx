import { useQuery } from '../../api/use-query.ts';
import { CodeBlock } from '../../ui/code-block.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';
import { QueryView } from '../../ui/states.tsx';
import { markJwtSecretCopied } from './jwt-secret-flag.ts';

/** The exact HASURA_GRAPHQL_JWT_SECRET value, from the server. */
export function JwtSecretPanel({ indicator }: { indicator: string }) {
  const query = useQuery((api) => api.get<Record<string, unknown>>('/hasura/jwt-secret', { resource: indicator }), [indicator]);
  return (
    <section className="card" aria-labelledby="jwt-mode">
      <h2 id="jwt-mode">JWT mode</h2>
      <p className="muted">
        Set this environment variable on Hasura. It reads the signing keys from the JWKS URL and refreshes them after a rotation.
      </p>
      <QueryView query={query} loadingLabel="Loading the JWT secret…">
        {(secret) => {
          const json = JSON.stringify(secret);
          return (
            <div className="stack-sm">
              <CodeBlock label="HASURA_GRAPHQL_JWT_SECRET value" wrap>
                {JSON.stringify(secret, null, 2)}
              </CodeBlock>
              <CopyButton text={json} label="Copy JWT secret" variant="primary" onCopied={markJwtSecretCopied} />
              <p className="small muted">As an environment line:</p>
              <CodeBlock label="Environment line" wrap>{`HASURA_GRAPHQL_JWT_SECRET='${json}'`}</CodeBlock>
            </div>
          );
        }}
      </QueryView>
    </section>
  );
}
