import type { ResourceDto, ScopeDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { listAll } from '../../api/lists.ts';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { MemberPicker } from '../../components/member-picker.tsx';
import { SelectField } from '../../ui/field.tsx';
import { QueryView } from '../../ui/states.tsx';

/** First pick the API resource, then its permissions. */
export function ScopePicker({
  exclude,
  onAssign,
  onCancel,
}: {
  exclude: ReadonlySet<string>;
  onAssign: (ids: string[]) => Promise<void>;
  onCancel: () => void;
}) {
  const resources = useQuery((api) => listAll<ResourceDto>(api, '/resources'), []);
  const [resourceId, setResourceId] = useState('');
  return (
    <div className="stack">
      <QueryView query={resources}>
        {(list) => (
          <SelectField
            label="API resource"
            value={resourceId}
            onChange={setResourceId}
            placeholder="Choose an API resource"
            options={list.map((r) => ({ value: r.id, label: `${r.name} (${r.indicator})` }))}
          />
        )}
      </QueryView>
      {resourceId ? (
        <MemberPicker
          key={resourceId}
          noun="permission"
          exclude={exclude}
          onAssign={onAssign}
          onCancel={onCancel}
          load={async (api) =>
            (await listAll<ScopeDto>(api, `/resources/${encodeURIComponent(resourceId)}/scopes`)).map((s) => ({
              id: s.id,
              label: s.name,
              detail: s.description ?? undefined,
            }))
          }
        />
      ) : (
        <div className="row-end">
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      )}
    </div>
  );
}
