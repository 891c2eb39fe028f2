import { Button } from './button.tsx';
import type { FormHandle } from './form-frame.tsx';

/** Cancel (when the form can be dismissed) and the submit button, busy while the form sends. */
export function FormActions({
  form,
  submitLabel,
  onCancel,
  align = 'end',
}: {
  form: Pick<FormHandle, 'busy'>;
  submitLabel: string;
  onCancel?(): void;
  align?: 'end' | 'start';
}) {
  return (
    <div className={align === 'end' ? 'row-end' : 'row'}>
      {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      <Button type="submit" variant="primary" busy={form.busy}>
        {submitLabel}
      </Button>
    </div>
  );
}
