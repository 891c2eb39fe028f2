import type { UserDto } from '@gatehouse/client/dto';
import { TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { email, httpUrl, maxLength, oneOf, optional, phone, username } from '../../validation/rules.ts';

export type UserProfileInput = Pick<UserDto, 'username' | 'primaryEmail' | 'primaryPhone' | 'name' | 'avatar'>;

const keys = ['username', 'primaryEmail', 'primaryPhone', 'name', 'avatar'] as const;

/** Edit a user's profile; an emptied field is cleared (null), and one identifier must remain. */
export function UserProfileForm({
  user,
  onSubmit,
  onCancel,
}: {
  user: UserProfileInput;
  onSubmit: (input: UserProfileInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const form = useForm(
    Object.fromEntries(keys.map((k) => [k, user[k] ?? ''])) as Record<(typeof keys)[number], string>,
    {
      username: [oneOf(['primaryEmail', 'primaryPhone'], 'keep a username, an email address or a phone number'), optional(username)],
      primaryEmail: [optional(email)],
      primaryPhone: [optional(phone)],
      name: [maxLength(256)],
      avatar: [optional(httpUrl)],
    },
    (v) => onSubmit(Object.fromEntries(keys.map((k) => [k, v[k].trim() || null])) as UserProfileInput),
  );
  return (
    <FormFrame form={form} label="Edit profile">
      <TextField
        label="Username"
        autoComplete="off"
        hint="Starts with a letter or _; letters, digits, _, . and -."
        {...form.field('username')}
      />
      <TextField label="Email" type="email" autoComplete="off" {...form.field('primaryEmail')} />
      <TextField
        label="Phone"
        type="tel"
        autoComplete="off"
        placeholder="e.g. +4915112345678"
        hint="Digits, optionally starting with +."
        {...form.field('primaryPhone')}
      />
      <TextField label="Name" autoComplete="off" {...form.field('name')} />
      <TextField
        label="Avatar URL"
        type="url"
        autoComplete="off"
        placeholder="e.g. https://example.com/avatar.png"
        {...form.field('avatar')}
      />
      <FormActions form={form} submitLabel="Save profile" onCancel={onCancel} />
    </FormFrame>
  );
}
