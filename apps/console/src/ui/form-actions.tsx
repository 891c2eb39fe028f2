import { Button } from './button.tsx';
import type { FormHandle } from './form-frame.tsx';
import { confirmDiscard } from './unsaved-changes.ts';

/** Cancel (when the form can be dismissed) and the submit button, busy while the form sends. */
export function FormActions({
  form,
  submitLabel,
  onCancel,
  align = 'end',
}: {
  form: Pick<FormHandle, 'busy' | 'dirty'>;
  submitLabel: string;
  onCancel?: () => void;
  align?: 'end' | 'start';
}) {
  return (
    <div className={align === 'end' ? 'row-end' : 'row'}>
      {onCancel && <Button onClick={() => confirmDiscard(form.dirty) && onCancel()}>Cancel</Button>}
      <Button type="submit" variant="primary" busy={form.busy}>
        {submitLabel}
      </Button>
    </div>
  );
}
