import type { OrganizationRoleDto, RoleType } from '@gatehouse/client/dto';
import { useState } from 'react';
import { listAll } from '../../api/lists.ts';
import { useQuery } from '../../api/use-query.ts';
import { Link } from '../../router/router.tsx';
import { Button } from '../../ui/button.tsx';
import { Empty, ProblemAlert, QueryView } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';

/** The organization roles of one type as checkboxes, for a member's roles or an invitation's. */
export function OrgRoleChoices({
  type,
  chosen,
  onChange,
  legend = 'Organization roles',
}: {
  type: RoleType;
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  legend?: string;
}) {
  const query = useQuery((api) => listAll<OrganizationRoleDto>(api, '/organization-roles', { type }), [type]);
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange(next);
  };
  return (
    <QueryView query={query}>
      {(roles) =>
        roles.length === 0 ? (
          <Empty title="No organization roles yet">
            <p>
              Define them in the <Link to="/organization-template">organization template</Link>.
            </p>
          </Empty>
        ) : (
          <fieldset className="field">
            <legend>{legend}</legend>
            <ul className="plain-list">
              {roles.map((role) => (
                <li key={role.id}>
                  <label className="choice">
                    <input type="checkbox" checked={chosen.has(role.id)} onChange={() => toggle(role.id)} />
                    <span>
                      {role.name} {role.description && <span className="muted small">{role.description}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )
      }
    </QueryView>
  );
}

/** Replace a member's organization roles (PUT …/roles `{ organizationRoleIds }`). */
export function MemberRolesForm({
  type,
  initial,
  onSubmit,
  onCancel,
}: {
  type: RoleType;
  initial: string[];
  onSubmit: (ids: string[]) => Promise<void>;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<Set<string>>(new Set(initial));
  const save = useAction(() => onSubmit([...chosen]));
  return (
    <div className="stack">
      <OrgRoleChoices type={type} chosen={chosen} onChange={setChosen} />
      <ProblemAlert error={save.problem} />
      <div className="row-end">
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="primary" busy={save.busy} onClick={() => void save.run()}>
          Save roles
        </Button>
      </div>
    </div>
  );
}
