import type { ReactNode } from 'react';
import { Button } from './button.tsx';
import { Dialog } from './dialog.tsx';
import { ProblemAlert } from './states.tsx';
import { useAction } from './use-action.ts';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Asks before a destructive action; shows the API error in place when it fails. */
export function ConfirmDialog({ open, title, children, confirmLabel, danger = true, onConfirm, onClose }: ConfirmDialogProps) {
  const confirm = useAction(async () => {
    await onConfirm();
    onClose();
  });
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <div>{children}</div>
      <ProblemAlert error={confirm.problem} />
      <div className="row-end">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant={danger ? 'danger' : 'primary'} busy={confirm.busy} onClick={() => void confirm.run()}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
