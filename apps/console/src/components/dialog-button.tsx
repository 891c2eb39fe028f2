import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';

/** What a form opened by DialogButton's users gets: submit (then the dialog closes) and cancel. */
export interface DialogFormProps<T> {
  onSubmit: (input: T) => Promise<void>;
  onCancel: () => void;
}

/** A button that opens a dialog (titled like the button unless `title` says otherwise); `children` gets `close`. */
export function DialogButton({
  label,
  title = label,
  variant,
  children,
}: {
  label: string;
  title?: string;
  variant?: ButtonProps['variant'];
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} title={title} onClose={close}>
        {open && children(close)}
      </Dialog>
    </>
  );
}
