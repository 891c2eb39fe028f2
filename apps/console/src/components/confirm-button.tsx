import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from '../ui/button.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';

export interface ConfirmButtonProps {
  label: string;
  title: string;
  /** The dialog's button; the button's label unless given. */
  confirmLabel?: string;
  variant?: ButtonProps['variant'];
  /** A danger confirmation (the default), or a primary one. */
  danger?: boolean;
  onConfirm: () => Promise<void>;
  children: ReactNode;
}

/** A button whose action runs only once confirmed in a dialog. */
export function ConfirmButton({ label, title, confirmLabel = label, variant, danger = true, onConfirm, children }: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        danger={danger}
        onConfirm={onConfirm}
        onClose={() => setOpen(false)}
      >
        {children}
      </ConfirmDialog>
    </>
  );
}
