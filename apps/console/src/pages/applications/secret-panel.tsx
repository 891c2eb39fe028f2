import type { ApplicationDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { entityPath } from '../../router/paths.ts';
import { CodeBlock } from '../../ui/code-block.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';

/** Secrets are stored hashed: one is shown only right after creation or rotation. */
export function SecretPanel({ app, initialSecret }: { app: ApplicationDto; initialSecret?: string }) {
  const api = useApi();
  const [secret, setSecret] = useState(initialSecret);
  return (
    <div className="card">
      <h2>App secret</h2>
      {secret ? (
        <div className="stack-sm">
          <div className="alert alert-warning" role="status">
            Copy this secret now: it is shown only once and cannot be displayed again.
          </div>
          <CodeBlock label="App secret" wrap>
            {secret}
          </CodeBlock>
          <CopyButton text={secret} label="Copy secret" />
        </div>
      ) : (
        <p className="muted">The secret is stored hashed and cannot be shown. Rotate it to get a new one.</p>
      )}
      <div>
        <ConfirmButton
          variant="danger"
          label="Rotate secret"
          title="Rotate the app secret?"
          onConfirm={async () => {
            const rotated = await api.send<ApplicationDto>('POST', `${entityPath('applications', app.id)}/secret/rotate`);
            setSecret(rotated.secret);
          }}
        >
          <p>The current secret stops working at once. Deployments using it must be updated with the new one.</p>
        </ConfirmButton>
      </div>
    </div>
  );
}
