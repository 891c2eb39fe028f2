import type { ReactNode } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { ButtonProps } from '../ui/button.tsx';
import { DialogButton, type DialogFormProps } from './dialog-button.tsx';

export interface FormButtonProps<T> {
  label: string;
  title?: string;
  variant?: ButtonProps['variant'];
  /** The form's input is sent as `body(input)` (the input itself by default) to `path`. */
  method: 'POST' | 'PATCH';
  path: string;
  body?: (input: T) => unknown;
  /** After a successful send, once the dialog has closed (e.g. a reload). */
  onSent: () => void;
  form: (props: DialogFormProps<T>) => ReactNode;
}

/** Opens `form` in a dialog and sends what it submits to the Management API. */
export function FormButton<T>({ label, title, variant, method, path, body = (input) => input, onSent, form }: FormButtonProps<T>) {
  const api = useApi();
  return (
    <DialogButton label={label} title={title} variant={variant}>
      {(close) =>
        form({
          onCancel: close,
          onSubmit: async (input) => {
            await api.send(method, path, body(input));
            close();
            onSent();
          },
        })
      }
    </DialogButton>
  );
}
