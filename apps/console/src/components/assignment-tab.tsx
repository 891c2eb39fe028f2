import type { ReactNode } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { ApiClient } from '../api/http.ts';
import { useQuery } from '../api/use-query.ts';
import type { Column } from '../ui/data-table.tsx';
import { QueryView } from '../ui/states.tsx';
import { SectionIntro } from '../ui/section-intro.tsx';
import { FormButton } from './form-button.tsx';
import { RemovableTable } from './removable-table.tsx';

/** What a picker gets from AssignmentTab: the ids already assigned, and the assign/cancel callbacks. */
interface PickerProps {
  exclude: ReadonlySet<string>;
  onAssign: (ids: string[]) => Promise<void>;
  onCancel: () => void;
}

export interface AssignmentTabProps<T> {
  /** The assignment collection: listed by `load`, `POST {<noun>Ids}` assigns, `DELETE base/:id` removes. */
  base: string;
  load: (api: ApiClient) => Promise<T[]>;
  /** Singular: `role` gives the `Assign roles` button and the `roleIds` body. */
  noun: string;
  /** The body's key when it is not `<noun>Ids`. */
  idsKey?: string;
  /** The name of what the items are assigned to, for the picker's title. */
  holder: string;
  intro: ReactNode;
  columns: Array<Column<NoInfer<T>>>;
  itemName: (item: T) => string;
  empty: string;
  removeTitle: string;
  removeConfirmLabel?: string;
  removeText: (item: T) => ReactNode;
  picker: (props: PickerProps) => ReactNode;
  /** Built-ins: list only, no assign or remove. */
  readOnly?: boolean;
}

/** Items assigned to a holder (users of a role, roles of a user…): assign with a picker, remove with confirmation. */
export function AssignmentTab<T extends { id: string }>(props: AssignmentTabProps<T>) {
  const { base, noun, readOnly = false } = props;
  const api = useApi();
  const query = useQuery(props.load, [base]);
  return (
    <div className="stack">
      <SectionIntro
        action={
          !readOnly && (
            <FormButton<string[]>
              variant="primary"
              label={`Assign ${noun}s`}
              title={`Assign ${noun}s to ${props.holder}`}
              method="POST"
              path={base}
              body={(ids) => ({ [props.idsKey ?? `${noun}Ids`]: ids })}
              onSent={query.reload}
              form={({ onSubmit, onCancel }) =>
                props.picker({ exclude: new Set(query.data?.map((item) => item.id)), onAssign: onSubmit, onCancel })
              }
            />
          )
        }
      >
        {props.intro}
      </SectionIntro>
      <QueryView query={query}>
        {(items) => (
          <RemovableTable
            columns={props.columns}
            items={items}
            empty={{ title: props.empty }}
            itemName={props.itemName}
            remove={
              readOnly
                ? undefined
                : {
                    title: props.removeTitle,
                    confirmLabel: props.removeConfirmLabel,
                    text: props.removeText,
                    run: async (item) => {
                      await api.send('DELETE', `${base}/${encodeURIComponent(item.id)}`);
                      query.reload();
                    },
                  }
            }
          />
        )}
      </QueryView>
    </div>
  );
}
