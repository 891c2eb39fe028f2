import type { HookDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useEntity } from '../../api/use-entity.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { DeleteButton } from '../../components/delete-button.tsx';
import { FormButton } from '../../components/form-button.tsx';
import { Button } from '../../ui/button.tsx';
import { CodeBlock } from '../../ui/code-block.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Notice, ProblemAlert, QueryView } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { formatTime } from '../users/user-label.ts';
import { HookDeliveries } from './hook-deliveries.tsx';
import { HookForm } from './hook-form.tsx';
import { HookStatus } from './hooks-page.tsx';
import { takeFlashedSigningKey } from './signing-key-flash.ts';

/** The signing key is shown once, right after the hook is created or the key rotated. */
function SigningKeyCard({ hook, onRotated }: { hook: HookDto; onRotated: () => void }) {
  const api = useApi();
  const [key, setKey] = useState(() => takeFlashedSigningKey(hook.id));
  return (
    <section className="card stack-sm" aria-labelledby="signing-key-title">
      <h2 id="signing-key-title">Signing key</h2>
      <p className="muted">
        Each delivery is signed with it: <code>logto-signature-sha-256</code> (hex HMAC-SHA256 of the body) and the Standard Webhooks{' '}
        <code>webhook-signature</code> over <code>webhook-id</code> and <code>webhook-timestamp</code>.
      </p>
      {key ? (
        <div className="stack-sm">
          <div className="alert alert-warning" role="status">
            Copy this key now: it is shown only once. Rotate it to get a new one.
          </div>
          <CodeBlock label="Signing key" wrap>
            {key}
          </CodeBlock>
          <CopyButton text={key} label="Copy signing key" />
        </div>
      ) : (
        <p className="muted">The key was shown when it was made. Rotate it to get a new one.</p>
      )}
      <div>
        <ConfirmButton
          variant="danger"
          label="Rotate signing key"
          title="Rotate the signing key?"
          onConfirm={async () => {
            const rotated = await api.send<HookDto>('PATCH', `/hooks/${encodeURIComponent(hook.id)}/signing-key`);
            setKey(rotated.signingKey);
            onRotated();
          }}
        >
          <p>Deliveries from now on are signed with the new key; receivers checking the old one refuse them until updated.</p>
        </ConfirmButton>
      </div>
    </section>
  );
}

export function HookDetailPage({ id }: { id: string }) {
  const api = useApi();
  const { path, query } = useEntity<HookDto>('hooks', id);
  const [tested, setTested] = useState(false);
  // The switch flips at once (a controlled checkbox would otherwise snap back until the reload).
  const [enabled, setEnabled] = useState<boolean>();
  const toggle = useAction(async (hook: HookDto) => {
    const next = !(enabled ?? hook.enabled);
    setEnabled(next);
    try {
      await api.send('PATCH', path, { enabled: next });
    } catch (error) {
      setEnabled(undefined);
      throw error;
    }
    query.reload();
  });
  const test = useAction(async (hook: HookDto) => {
    setTested(false);
    await api.send('POST', `${path}/test`, { events: hook.events, config: hook.config });
    setTested(true);
  });
  return (
    <QueryView query={query}>
      {(hook) => (
        <>
          <PageHeader
            back={{ to: '/hooks', label: 'Webhooks' }}
            title={hook.name}
            description={
              <>
                <HookStatus hook={hook} /> <code>{hook.config.url}</code>
              </>
            }
            actions={
              <>
                <label className="choice">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={enabled ?? hook.enabled}
                    disabled={toggle.busy}
                    onChange={() => void toggle.run(hook)}
                  />
                  Enabled
                </label>
                <FormButton
                  method="PATCH"
                  label="Edit webhook"
                  path={path}
                  onSent={query.reload}
                  form={(props) => <HookForm initial={hook} {...props} />}
                />
                <DeleteButton label="Delete webhook" title="Delete this webhook?" path={path} then="/hooks">
                  <p>
                    <strong>{hook.name}</strong> stops receiving events; undelivered events for it are dropped.
                  </p>
                </DeleteButton>
              </>
            }
          />
          <div className="stack">
            <ProblemAlert error={toggle.problem} />
            {hook.failing && (
              <div className="alert alert-error" role="status">
                <strong>Failing:</strong> deliveries to this endpoint keep failing since {formatTime(hook.failingSince)}. They are retried
                with backoff for 24 hours; fix the endpoint, then redeliver what failed.
              </div>
            )}
            <section className="card stack-sm" aria-labelledby="events-title">
              <h2 id="events-title">Events</h2>
              <p>
                {hook.events.map((e) => (
                  <code key={e} className="badge">
                    {e}
                  </code>
                ))}
              </p>
              <div className="row">
                <Button busy={test.busy} onClick={() => void test.run(hook)}>
                  Send test event
                </Button>
              </div>
              <ProblemAlert error={test.problem} title="Test failed" />
              {tested && <Notice>The endpoint accepted the signed test events.</Notice>}
            </section>
            <SigningKeyCard hook={hook} onRotated={query.reload} />
            <HookDeliveries hook={hook} />
          </div>
        </>
      )}
    </QueryView>
  );
}
