import { useState, type ReactNode } from 'react';
import { Button } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { Empty } from '../ui/states.tsx';

export interface HolderRow {
  id: string;
  cells: ReactNode[];
  /** Spoken name of the row, for the remove button and the confirmation. */
  name: string;
}

/** A table of assigned items with a Remove button per row, confirmed in a dialog. */
export function HolderTable({
  columns,
  rows,
  empty,
  removeTitle,
  removeText,
  onRemove,
}: {
  columns: string[];
  rows: HolderRow[];
  empty: string;
  removeTitle: string;
  removeText(name: string): ReactNode;
  onRemove?(id: string): Promise<void>;
}) {
  const [removing, setRemoving] = useState<HolderRow>();
  if (rows.length === 0) return <Empty title={empty} />;
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
              {onRemove && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {row.cells.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
                {onRemove && (
                  <td className="actions">
                    <Button size="sm" variant="ghost" aria-label={`Remove ${row.name}`} onClick={() => setRemoving(row)}>
                      Remove
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {onRemove && (
        <ConfirmDialog
          open={removing !== undefined}
          title={removeTitle}
          confirmLabel="Remove"
          onClose={() => setRemoving(undefined)}
          onConfirm={() => onRemove(removing!.id)}
        >
          <p>{removing && removeText(removing.name)}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
