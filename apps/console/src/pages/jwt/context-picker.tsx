import type { ApplicationDto, ResourceDto, UserDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll, listPage } from '../../api/lists.ts';
import type { JwtCustomizerTokenType } from '@gatehouse/client/dto';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { ProblemAlert, QueryView } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { loadApplicationContext, loadUserContext, type ContextRole } from './build-context.ts';

export interface PickedContext {
  holderId: string;
  roles: ContextRole[];
  context: unknown;
  resource: ResourceDto | undefined;
}

/** "Fill from a real user/app": builds `context` (and the token's sub/aud/scope) from the API. */
export function ContextPicker({ tokenType, onPick }: { tokenType: JwtCustomizerTokenType; onPick: (picked: PickedContext) => void }) {
  const api = useApi();
  const machine = tokenType === 'client-credentials';
  const options = useQuery(
    async (a) => {
      // Both lists load at once (an await inside Promise.all's array would run them one after the other).
      const holderOptions = machine
        ? listAll<ApplicationDto>(a, '/applications').then((apps) =>
            apps.filter((x) => x.type === 'MachineToMachine').map((x) => ({ value: x.id, label: x.name })),
          )
        : listPage<UserDto>(a, '/users', { page_size: 100 }).then((page) =>
            page.items.map((u) => ({ value: u.id, label: u.username ?? u.primaryEmail ?? u.id })),
          );
      const [holders, resources] = await Promise.all([holderOptions, listAll<ResourceDto>(a, '/resources')]);
      return { holders, resources: resources.filter((r) => !r.isBuiltin) };
    },
    [machine],
  );
  const [holder, setHolder] = useState('');
  const [resourceId, setResourceId] = useState('');
  const fill = useAction(async () => {
    const loaded = machine ? await loadApplicationContext(api, holder) : await loadUserContext(api, holder);
    onPick({ ...loaded, resource: options.data?.resources.find((r) => r.id === resourceId) });
  });
  return (
    <QueryView query={options}>
      {({ holders, resources }) => (
        <div className="stack-sm">
          <div className="grid-2">
            <SelectField
              label={machine ? 'Machine app' : 'User'}
              value={holder}
              onChange={setHolder}
              placeholder={machine ? 'Choose a machine app' : 'Choose a user'}
              options={holders}
            />
            <SelectField
              label="Token audience (API resource)"
              value={resourceId}
              onChange={setResourceId}
              placeholder="Keep the sample's"
              options={resources.map((r) => ({ value: r.id, label: r.name }))}
            />
          </div>
          <ProblemAlert error={fill.problem} />
          <div>
            <Button onClick={() => void fill.run()} disabled={!holder} busy={fill.busy}>
              Fill sample from {machine ? 'this app' : 'this user'}
            </Button>
          </div>
        </div>
      )}
    </QueryView>
  );
}
