import type { ResourceDto, UserDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll, listPage } from '../../api/lists.ts';
import { getTestToken, type TestToken } from '../../api/test-token.ts';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { Notice, ProblemAlert, QueryView } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';

/**
 * "Get a test token" for a user and an API resource, without an app: the console impersonates
 * the user through Logto's path (api/test-token.ts). The token names the admin in `act`, and
 * both steps land in the audit log.
 */
export function TestTokenForm({ resource, onToken }: { resource?: string; onToken: (token: TestToken) => void | Promise<void> }) {
  const api = useApi();
  const options = useQuery(async (a) => {
    const [users, resources] = await Promise.all([
      listPage<UserDto>(a, '/users', { page_size: 100 }).then((page) => page.items),
      listAll<ResourceDto>(a, '/resources'),
    ]);
    return { users, resources: resources.filter((r) => !r.isBuiltin) };
  }, []);
  const [userId, setUserId] = useState('');
  const [chosenResource, setChosenResource] = useState('');
  const [scope, setScope] = useState('');
  const [issued, setIssued] = useState<TestToken>();
  const indicator = resource ?? chosenResource;
  const get = useAction(async () => {
    setIssued(undefined);
    const token = await getTestToken(api, { userId, resource: indicator, scope });
    await onToken(token);
    setIssued(token);
  });
  return (
    <QueryView query={options}>
      {({ users, resources }) => (
        <div className="stack-sm" role="group" aria-label="Get a test token">
          <div className="grid-2">
            <SelectField
              label="User"
              value={userId}
              onChange={setUserId}
              placeholder="Choose a user"
              options={users.map((u) => ({ value: u.id, label: u.username ?? u.primaryEmail ?? u.id }))}
            />
            {resource === undefined ? (
              <SelectField
                label="API resource"
                value={chosenResource}
                onChange={setChosenResource}
                placeholder="Choose a resource"
                options={resources.map((r) => ({ value: r.indicator, label: r.name }))}
              />
            ) : (
              <TextField
                label="Permissions (optional)"
                value={scope}
                onChange={setScope}
                placeholder="All the user's roles grant"
                hint="Space-separated scope names; empty asks for every permission the user's roles grant."
              />
            )}
          </div>
          <ProblemAlert error={get.problem} />
          <div className="row">
            <Button onClick={() => void get.run()} disabled={!userId || !indicator} busy={get.busy}>
              Get a test token
            </Button>
          </div>
          {issued && (
            <Notice kind="info">
              A token for {typeof issued.claims.sub === 'string' ? issued.claims.sub : 'the user'}, issued to you as actor (<code>act</code>
              ), valid {Math.round(issued.expiresIn / 60)} min, permissions:{' '}
              {typeof issued.claims.scope === 'string' && issued.claims.scope ? issued.claims.scope : 'none'}. The exchange is in the audit
              log.
            </Notice>
          )}
        </div>
      )}
    </QueryView>
  );
}
