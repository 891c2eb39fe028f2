import { TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { email, oneOf, optional, password, username } from '../../validation/rules.ts';

export interface UserInput {
  username?: string;
  primaryEmail?: string;
  name?: string;
  password?: string;
}

/** Create a user: a username or an email (at least one), an optional name and a password. */
export function UserForm({ onSubmit, onCancel }: { onSubmit: (input: UserInput) => Promise<void>; onCancel?: () => void }) {
  const form = useForm(
    { username: '', primaryEmail: '', name: '', password: '' },
    {
      username: [oneOf('primaryEmail', 'enter a username or an email address'), optional(username)],
      primaryEmail: [optional(email)],
      password: [optional(password)],
    },
    (v) =>
      onSubmit({
        username: v.username.trim() || undefined,
        primaryEmail: v.primaryEmail.trim() || undefined,
        name: v.name.trim() || undefined,
        password: v.password || undefined,
      }),
  );
  return (
    <FormFrame form={form} label="Create user">
      <TextField
        label="Username"
        autoComplete="off"
        hint="Starts with a letter or _; letters, digits, _, . and -."
        {...form.field('username')}
      />
      <TextField label="Email" type="email" autoComplete="off" {...form.field('primaryEmail')} />
      <TextField label="Name" autoComplete="off" {...form.field('name')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters. Leave empty to set one later."
        {...form.field('password')}
      />
      <FormActions form={form} submitLabel="Create user" onCancel={onCancel} />
    </FormFrame>
  );
}
