import type { ResourceDto, ScopeDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { listAll } from '../../api/lists.ts';
import { useQuery } from '../../api/use-query.ts';
import { FormButton } from '../../components/form-button.tsx';
import { RemovableTable } from '../../components/removable-table.tsx';
import { entityPath } from '../../router/paths.ts';
import { Button } from '../../ui/button.tsx';
import { descriptionColumn, type Column } from '../../ui/data-table.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { SectionIntro } from '../../ui/section-intro.tsx';
import { QueryView } from '../../ui/states.tsx';
import { ScopeForm, type ScopeInput } from './scope-form.tsx';

export const permissionColumn: Column<ScopeDto> = { header: 'Permission', className: 'mono', cell: (s) => s.name };

/** The resource's permissions: add, edit the description, delete (never for built-ins). */
export function ScopesTab({ resource }: { resource: ResourceDto }) {
  const api = useApi();
  const base = `${entityPath('resources', resource.id)}/scopes`;
  const query = useQuery((a) => listAll<ScopeDto>(a, base), [base]);
  const [editing, setEditing] = useState<ScopeDto>();
  const readOnly = Boolean(resource.isBuiltin);
  const scopePath = (scope: ScopeDto) => `${base}/${encodeURIComponent(scope.id)}`;

  const edit = async (input: ScopeInput) => {
    await api.send('PATCH', scopePath(editing!), { description: input.description });
    setEditing(undefined);
    query.reload();
  };
  return (
    <div className="stack">
      <SectionIntro
        action={
          !readOnly && (
            <FormButton
              variant="primary"
              label="Add permission"
              method="POST"
              path={base}
              onSent={query.reload}
              form={(props) => <ScopeForm {...props} />}
            />
          )
        }
      >
        Permissions (scopes) that roles grant. For Hasura, one permission per Hasura role.
      </SectionIntro>
      <QueryView query={query}>
        {(scopes) => (
          <RemovableTable
            columns={[permissionColumn, descriptionColumn()]}
            items={scopes}
            empty={{ title: 'No permissions yet', hint: 'Add one, e.g. read:user.' }}
            itemName={(s) => s.name}
            actions={(s) => (
              <Button size="sm" variant="ghost" aria-label={`Edit ${s.name}`} onClick={() => setEditing(s)}>
                Edit
              </Button>
            )}
            remove={
              readOnly
                ? undefined
                : {
                    verb: 'Delete',
                    title: 'Delete this permission?',
                    confirmLabel: 'Delete permission',
                    text: (s) => (
                      <>
                        Roles that grant <code>{s.name}</code> lose it, and new tokens no longer carry it.
                      </>
                    ),
                    run: async (s) => {
                      await api.send('DELETE', scopePath(s));
                      query.reload();
                    },
                  }
            }
          />
        )}
      </QueryView>
      <Dialog open={editing !== undefined} title="Edit permission" onClose={() => setEditing(undefined)}>
        {editing && <ScopeForm initial={editing} onSubmit={edit} onCancel={() => setEditing(undefined)} />}
      </Dialog>
    </div>
  );
}
