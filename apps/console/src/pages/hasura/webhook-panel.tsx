import { CodeBlock } from '../../ui/code-block.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';

/** Webhook mode: Hasura asks Gatehouse on every request; role changes apply at once. */
export function WebhookPanel({ indicator }: { indicator: string }) {
  const url = `${window.location.origin}/api/authn/hasura?resource=${encodeURIComponent(indicator)}`;
  const env = (mode: 'GET' | 'POST') => `HASURA_GRAPHQL_AUTH_HOOK=${url}\nHASURA_GRAPHQL_AUTH_HOOK_MODE=${mode}`;
  return (
    <section className="card" aria-labelledby="webhook-mode">
      <h2 id="webhook-mode">Webhook mode</h2>
      <p className="muted">
        Instead of the JWT secret (Hasura uses one mode or the other), set the auth hook. Add <code>&amp;unauthorizedRole=anonymous</code>{' '}
        to let requests without a token in as that role.
      </p>
      <CodeBlock label="Webhook URL" wrap>
        {url}
      </CodeBlock>
      <CopyButton text={url} label="Copy webhook URL" />
      <div className="grid-2">
        <div className="stack-sm">
          <h3>GET mode</h3>
          <p className="small muted">Hasura sends the client's headers to the hook in a GET request.</p>
          <CodeBlock label="GET mode environment" wrap>
            {env('GET')}
          </CodeBlock>
        </div>
        <div className="stack-sm">
          <h3>POST mode</h3>
          <p className="small muted">Hasura posts the headers and the GraphQL request as JSON.</p>
          <CodeBlock label="POST mode environment" wrap>
            {env('POST')}
          </CodeBlock>
        </div>
      </div>
    </section>
  );
}
