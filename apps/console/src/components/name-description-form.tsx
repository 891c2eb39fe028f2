import { TextField } from '../ui/field.tsx';
import { FormActions } from '../ui/form-actions.tsx';
import { FormFrame } from '../ui/form-frame.tsx';
import { useForm } from '../ui/use-form.ts';
import { description, name } from '../validation/rules.ts';

export interface NameDescription {
  name: string;
  description: string | null;
}

/** Rename and re-describe an entity (a role, an application): the body of its PATCH. */
export function NameDescriptionForm({
  label,
  nameLabel = 'Name',
  nameHint,
  initial,
  onSubmit,
  onCancel,
}: {
  label: string;
  nameLabel?: string;
  nameHint?: string;
  initial: NameDescription;
  onSubmit: (input: NameDescription) => Promise<void>;
  onCancel?: () => void;
}) {
  const form = useForm({ name: initial.name, description: initial.description ?? '' }, { name: [name], description: [description] }, (v) =>
    onSubmit({ name: v.name.trim(), description: v.description.trim() || null }),
  );
  return (
    <FormFrame form={form} label={label}>
      <TextField label={nameLabel} required hint={nameHint} {...form.field('name')} />
      <TextField label="Description" {...form.field('description')} />
      <FormActions form={form} submitLabel="Save" onCancel={onCancel} />
    </FormFrame>
  );
}
