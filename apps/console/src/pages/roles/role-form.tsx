import type { RoleType } from '@gatehouse/client/dto';
import { RadioGroup, TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { description, name } from '../../validation/rules.ts';

export interface RoleInput {
  name: string;
  description: string | null;
  type: RoleType;
}

/** Create a role: User roles are held by users, machine-to-machine roles by machine apps. */
export function RoleForm({ onSubmit, onCancel }: { onSubmit: (input: RoleInput) => Promise<void>; onCancel?: () => void }) {
  const form = useForm({ name: '', description: '', type: 'User' }, { name: [name], description: [description] }, (v) =>
    onSubmit({ name: v.name.trim(), description: v.description.trim() || null, type: v.type as RoleType }),
  );
  return (
    <FormFrame form={form} label="Create role">
      <TextField
        label="Role name"
        required
        placeholder="e.g. user:reader"
        hint="For Hasura, name it like the Hasura role it maps to."
        {...form.field('name')}
      />
      <TextField label="Description" {...form.field('description')} />
      <RadioGroup
        legend="Type"
        name="role-type"
        value={form.values.type}
        onChange={(v) => form.set('type', v)}
        options={[
          { value: 'User', label: 'User' },
          { value: 'MachineToMachine', label: 'Machine-to-machine' },
        ]}
        hint="The type cannot be changed later."
      />
      <FormActions form={form} submitLabel="Create role" onCancel={onCancel} />
    </FormFrame>
  );
}
