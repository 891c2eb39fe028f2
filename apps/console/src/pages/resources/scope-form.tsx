import { TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { description, scopeName } from '../../validation/rules.ts';

export interface ScopeInput {
  name: string;
  description: string | null;
}

/** Add a scope (permission), or edit its description when `initial` is given. */
export function ScopeForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial?: ScopeInput;
  onSubmit: (input: ScopeInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const editing = initial !== undefined;
  const form = useForm(
    { name: initial?.name ?? '', description: initial?.description ?? '' },
    { name: editing ? [] : [scopeName], description: [description] },
    (v) => onSubmit({ name: v.name, description: v.description.trim() === '' ? null : v.description.trim() }),
  );
  return (
    <FormFrame form={form} label={editing ? 'Edit permission' : 'Add permission'}>
      {editing ? (
        <p>
          Permission <code>{initial.name}</code>
        </p>
      ) : (
        <TextField
          label="Permission name"
          required
          placeholder="e.g. read:user"
          hint="Printable ASCII without spaces, e.g. read:user."
          {...form.field('name')}
        />
      )}
      <TextField label="Description" placeholder="e.g. Read users" {...form.field('description')} />
      <FormActions form={form} submitLabel={editing ? 'Save' : 'Add permission'} onCancel={onCancel} />
    </FormFrame>
  );
}
