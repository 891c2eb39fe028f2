import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll, listPage } from '../../api/lists.ts';
import type { Application, Resource, TokenType, User } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { ProblemAlert, QueryView } from '../../ui/states.tsx';
import { loadApplicationContext, loadUserContext, type ContextRole } from './build-context.ts';

export interface PickedContext {
  holderId: string;
  roles: ContextRole[];
  context: unknown;
  resource: Resource | undefined;
}

/** "Fill from a real user/app": builds `context` (and the token's sub/aud/scope) from the API. */
export function ContextPicker({ tokenType, onPick }: { tokenType: TokenType; onPick(picked: PickedContext): void }) {
  const api = useApi();
  const machine = tokenType === 'client-credentials';
  const options = useQuery(async (a) => {
    const [holders, resources] = await Promise.all([
      machine
        ? (await listAll<Application>(a, '/applications')).filter((x) => x.type === 'MachineToMachine').map((x) => ({ value: x.id, label: x.name }))
        : (await listPage<User>(a, '/users', { page_size: 100 })).items.map((u) => ({ value: u.id, label: u.username ?? u.primaryEmail ?? u.id })),
      listAll<Resource>(a, '/resources'),
    ]);
    return { holders, resources: resources.filter((r) => !r.isBuiltin) };
  }, [machine]);
  const [holder, setHolder] = useState('');
  const [resourceId, setResourceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const fill = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const loaded = machine ? await loadApplicationContext(api, holder) : await loadUserContext(api, holder);
      onPick({ ...loaded, resource: options.data?.resources.find((r) => r.id === resourceId) });
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
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
            <SelectField label="Token audience (API resource)" value={resourceId} onChange={setResourceId} placeholder="Keep the sample's" options={resources.map((r) => ({ value: r.id, label: r.name }))} />
          </div>
          <ProblemAlert error={problem} />
          <div>
            <Button onClick={fill} disabled={!holder} busy={busy}>
              Fill sample from {machine ? 'this app' : 'this user'}
            </Button>
          </div>
        </div>
      )}
    </QueryView>
  );
}
