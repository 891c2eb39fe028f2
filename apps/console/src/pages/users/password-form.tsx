import { TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { password, sameAs } from '../../validation/rules.ts';

/** Set a new password (twice, to catch typos). */
export function PasswordForm({ onSubmit, onCancel }: { onSubmit: (password: string) => Promise<void>; onCancel?: () => void }) {
  const form = useForm(
    { password: '', confirm: '' },
    { password: [password], confirm: [sameAs('password', 'must match the new password')] },
    (v) => onSubmit(v.password),
  );
  return (
    <FormFrame form={form} label="Reset password">
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        {...form.field('password')}
      />
      <TextField label="Repeat the new password" type="password" autoComplete="new-password" required {...form.field('confirm')} />
      <FormActions form={form} submitLabel="Set password" onCancel={onCancel} />
    </FormFrame>
  );
}
