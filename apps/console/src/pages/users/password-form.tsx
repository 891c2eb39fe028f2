import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { ProblemAlert } from '../../ui/states.tsx';
import { useForm } from '../../ui/use-form.ts';
import { password, sameAs } from '../../validation/rules.ts';

/** Set a new password (twice, to catch typos). */
export function PasswordForm({ onSubmit, onCancel }: { onSubmit(password: string): Promise<void>; onCancel?(): void }) {
  const form = useForm({ password: '', confirm: '' }, { password: [password], confirm: [sameAs('password', 'must match the new password')] }, (v) =>
    onSubmit(v.password),
  );
  return (
    <form ref={form.formRef} className="stack" onSubmit={form.onSubmit} noValidate aria-label="Reset password">
      <ProblemAlert error={form.problem} />
      <TextField label="New password" type="password" autoComplete="new-password" required hint="At least 8 characters." {...form.field('password')} />
      <TextField label="Repeat the new password" type="password" autoComplete="new-password" required {...form.field('confirm')} />
      <div className="row-end">
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        <Button type="submit" variant="primary" busy={form.busy}>
          Set password
        </Button>
      </div>
    </form>
  );
}
