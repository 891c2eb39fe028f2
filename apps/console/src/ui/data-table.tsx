import type { ReactNode } from 'react';
import { Empty } from './states.tsx';

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
  className?: string;
}

export interface EmptyText {
  title: string;
  hint?: ReactNode;
}

/** A missing value, shown as a muted dash. */
export const orDash = (value: ReactNode): ReactNode => value ?? <span className="muted">—</span>;

export function descriptionColumn<T extends { description: string | null }>(): Column<T> {
  return { header: 'Description', cell: (item) => orDash(item.description) };
}

/** The header of a column of row buttons: named for screen readers only. */
export function ActionsHeader() {
  return (
    <th scope="col">
      <span className="visually-hidden">Actions</span>
    </th>
  );
}

/** A table of items, one column per `columns` entry, with an optional actions column; `empty` when there are none. */
export function DataTable<T extends { id: string }>({
  columns,
  items,
  empty,
  actions,
}: {
  columns: Array<Column<T>>;
  items: T[];
  empty: EmptyText;
  actions?: (item: T) => ReactNode;
}) {
  if (items.length === 0) {
    return <Empty title={empty.title}>{empty.hint && <p>{empty.hint}</p>}</Empty>;
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.header}>
                {c.header}
              </th>
            ))}
            {actions && <ActionsHeader />}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              {columns.map((c) => (
                <td key={c.header} className={c.className} data-label={c.header}>
                  {c.cell(item)}
                </td>
              ))}
              {actions && <td className="actions">{actions(item)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
