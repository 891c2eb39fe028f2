import { useState, type ReactNode } from 'react';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { DataTable, type Column, type EmptyText } from '../ui/data-table.tsx';

export interface RemoveAction<T> {
  /** The row button's verb: `Remove` (an assignment) or `Delete` (the item itself). */
  verb?: 'Remove' | 'Delete';
  title: string;
  confirmLabel?: string;
  text: (item: T) => ReactNode;
  run: (item: T) => Promise<void>;
}

/**
 * A DataTable whose rows can be removed, each after a confirmation; `itemName` is the row's
 * spoken name. Without `remove` (read-only) there is no actions column.
 */
export function RemovableTable<T extends { id: string }>({
  columns,
  items,
  empty,
  itemName,
  remove,
  actions,
}: {
  columns: Array<Column<T>>;
  items: T[];
  empty: EmptyText;
  itemName: (item: T) => string;
  remove?: RemoveAction<T>;
  /** More row buttons, before the remove button. */
  actions?: (item: T) => ReactNode;
}) {
  const [removing, setRemoving] = useState<T>();
  const verb = remove?.verb ?? 'Remove';
  return (
    <>
      <DataTable<T>
        columns={columns}
        items={items}
        empty={empty}
        actions={
          remove &&
          ((item) => (
            <>
              {actions?.(item)}
              <Button size="sm" variant="ghost" aria-label={`${verb} ${itemName(item)}`} onClick={() => setRemoving(item)}>
                {verb}
              </Button>
            </>
          ))
        }
      />
      {remove && (
        <ConfirmDialog
          open={removing !== undefined}
          title={remove.title}
          confirmLabel={remove.confirmLabel ?? verb}
          onClose={() => setRemoving(undefined)}
          onConfirm={() => remove.run(removing!)}
        >
          <p>{removing && remove.text(removing)}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
