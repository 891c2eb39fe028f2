import type { ReactNode } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { Query } from '../api/http.ts';
import { usePagedList } from '../api/use-paged-list.ts';
import { entityPath, type Collection } from '../router/paths.ts';
import { navigate } from '../router/router.tsx';
import { DataTable, type Column, type EmptyText } from '../ui/data-table.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { Pagination } from '../ui/pagination.tsx';
import { QueryView } from '../ui/states.tsx';
import { DialogButton, type DialogFormProps } from './dialog-button.tsx';

export interface ListPageProps<T, I = unknown> {
  /** `/roles`: listed a page at a time; the create form POSTs there, then its page opens. */
  collection: Collection;
  title: string;
  description: ReactNode;
  /** The create button's label and its dialog's title. */
  createLabel: string;
  createForm: (props: DialogFormProps<I>) => ReactNode;
  /** Sees the create response before its page opens. */
  onCreated?: (created: T) => void;
  columns: Array<Column<NoInfer<T>>>;
  empty: EmptyText;
  /** Query parameters (e.g. a search); a change starts again at page 1. */
  filter?: Query;
  /** Above the table, e.g. a search field. */
  toolbar?: ReactNode;
}

/** A top-level list: header with a create dialog, then a paged table (or its empty state). */
export function ListPage<T extends { id: string }, I = unknown>({
  collection,
  title,
  description,
  createLabel,
  createForm,
  onCreated,
  columns,
  empty,
  filter,
  toolbar,
}: ListPageProps<T, I>) {
  const api = useApi();
  const list = usePagedList<T>(`/${collection}`, filter);
  const create = (close: () => void) =>
    createForm({
      onCancel: close,
      onSubmit: async (input) => {
        const created = await api.send<T>('POST', `/${collection}`, input);
        onCreated?.(created);
        navigate(entityPath(collection, created.id), { force: true });
      },
    });
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={
          <DialogButton variant="primary" label={createLabel}>
            {create}
          </DialogButton>
        }
      />
      <div className="stack">
        {toolbar}
        <QueryView query={list.query}>
          {({ items, total }) => (
            <div>
              <DataTable columns={columns} items={items} empty={empty} />
              <Pagination page={list.page} pageSize={list.pageSize} total={total} onPage={list.setPage} />
            </div>
          )}
        </QueryView>
      </div>
    </>
  );
}
