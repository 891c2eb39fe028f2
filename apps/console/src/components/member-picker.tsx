import { useState } from 'react';
import type { ApiClient } from '../api/http.ts';
import { useQuery } from '../api/use-query.ts';
import { Button } from '../ui/button.tsx';
import { TextField } from '../ui/field.tsx';
import { Empty, ProblemAlert, QueryView } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

export interface PickerItem {
  id: string;
  label: string;
  detail?: string;
}

/**
 * Pick several items (users, roles, applications) to assign: an optional search, a list of
 * checkboxes without the ones already assigned, and one Assign button.
 */
export function MemberPicker({
  noun,
  load,
  exclude,
  onAssign,
  onCancel,
  searchable = false,
}: {
  noun: string;
  load: (api: ApiClient, search: string) => Promise<PickerItem[]>;
  exclude: ReadonlySet<string>;
  onAssign: (ids: string[]) => Promise<void>;
  onCancel: () => void;
  searchable?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const query = useQuery((api) => load(api, search.trim()), [search]);
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const assign = useAction(() => onAssign([...chosen]));
  return (
    <div className="stack">
      {searchable && <TextField label={`Search ${noun}s`} type="search" value={search} onChange={setSearch} />}
      <QueryView query={query}>
        {(items) => {
          const available = items.filter((i) => !exclude.has(i.id));
          return available.length === 0 ? (
            <Empty title={`No ${noun}s to assign`} />
          ) : (
            <fieldset className="field">
              <legend>Select {noun}s</legend>
              <ul className="plain-list">
                {available.map((item) => (
                  <li key={item.id}>
                    <label className="choice">
                      <input type="checkbox" checked={chosen.has(item.id)} onChange={() => toggle(item.id)} />
                      <span>
                        {item.label} {item.detail && <span className="muted small">{item.detail}</span>}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          );
        }}
      </QueryView>
      <ProblemAlert error={assign.problem} />
      <div className="row-end">
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="primary" disabled={chosen.size === 0} busy={assign.busy} onClick={() => void assign.run()}>
          Assign {chosen.size > 0 ? chosen.size : ''} {chosen.size === 1 ? noun : `${noun}s`}
        </Button>
      </div>
    </div>
  );
}
