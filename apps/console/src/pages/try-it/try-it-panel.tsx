import type { ApplicationDto, ResourceDto, ScopeDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll } from '../../api/lists.ts';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { Notice, ProblemAlert, QueryView } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { startTryIt, tryItRedirectUri } from './try-it.ts';

/**
 * "Try it" on a SPA or Native app: run the hosted sign-in as this app in a popup and see the
 * decoded tokens. The console's callback must be one of the app's redirect URIs; it is added
 * only when the admin asks, and can be removed again here.
 */
export function TryItPanel({ app, onChanged }: { app: ApplicationDto; onChanged: () => void }) {
  const api = useApi();
  const redirectUri = tryItRedirectUri();
  const registered = app.oidcClientMetadata.redirectUris.includes(redirectUri);
  const resources = useQuery(async (a) => (await listAll<ResourceDto>(a, '/resources')).filter((r) => !r.isBuiltin), []);
  const [resourceId, setResourceId] = useState('');
  const [opened, setOpened] = useState(false);
  const setRegistered = useAction(async (on: boolean) => {
    const others = app.oidcClientMetadata.redirectUris.filter((u) => u !== redirectUri);
    await api.send('PATCH', `/applications/${encodeURIComponent(app.id)}`, {
      oidcClientMetadata: { ...app.oidcClientMetadata, redirectUris: on ? [...others, redirectUri] : others },
    });
    onChanged();
  });
  const tryIt = useAction(async () => {
    const resource = resources.data?.find((r) => r.id === resourceId);
    const scopes = resource
      ? (await listAll<ScopeDto>(api, `/resources/${encodeURIComponent(resource.id)}/scopes`)).map((s) => s.name)
      : [];
    const url = await startTryIt({ clientId: app.id, resource: resource?.indicator, scopes });
    const popup = window.open(url, 'gatehouse-try-it', 'popup,width=520,height=760');
    if (!popup) throw new Error('The browser blocked the popup: allow popups for this console and try again.');
    setOpened(true);
  });
  return (
    <div className="stack">
      <p>
        Sign in to <strong>{app.name}</strong> through the hosted page, as a user of the app would, and see the ID and access tokens it
        would receive. The sign-in asks for a user whatever session you have (prompt=login).
      </p>
      {!registered ? (
        <div className="stack-sm">
          <p>
            The console receives the result at <code>{redirectUri}</code>, which is not one of this app&apos;s redirect URIs yet.
          </p>
          <ProblemAlert error={setRegistered.problem} />
          <div>
            <Button variant="primary" onClick={() => void setRegistered.run(true)} busy={setRegistered.busy}>
              Add the console&apos;s redirect URI to this app
            </Button>
          </div>
        </div>
      ) : (
        <QueryView query={resources}>
          {(apis) => (
            <div className="stack-sm">
              <SelectField
                label="API resource (optional)"
                value={resourceId}
                onChange={setResourceId}
                placeholder="None: an opaque access token"
                options={apis.map((r) => ({ value: r.id, label: r.name }))}
                hint="With a resource, the access token is a JWT for it, with the permissions the user's roles grant."
              />
              <ProblemAlert error={tryIt.problem ?? setRegistered.problem} />
              <div className="row">
                <Button variant="primary" onClick={() => void tryIt.run()} busy={tryIt.busy}>
                  Try it
                </Button>
                <Button onClick={() => void setRegistered.run(false)} busy={setRegistered.busy}>
                  Remove the console&apos;s redirect URI
                </Button>
              </div>
              {opened && <Notice kind="info">The sign-in opened in a popup; the decoded tokens appear there.</Notice>}
            </div>
          )}
        </QueryView>
      )}
    </div>
  );
}
