import type { RoleType } from '../../api/types.ts';
import { Button } from '../../ui/button.tsx';
import { RadioGroup, TextField } from '../../ui/field.tsx';
import { ProblemAlert } from '../../ui/states.tsx';
import { useForm } from '../../ui/use-form.ts';
import { description, name } from '../../validation/rules.ts';

export interface RoleInput {
  name: string;
  description: string | null;
  type: RoleType;
}

/** Create a role: User roles are held by users, machine-to-machine roles by machine apps. */
export function RoleForm({ onSubmit, onCancel }: { onSubmit(input: RoleInput): Promise<void>; onCancel?(): void }) {
  const form = useForm({ name: '', description: '', type: 'User' }, { name: [name], description: [description] }, (v) =>
    onSubmit({ name: v.name.trim(), description: v.description.trim() || null, type: v.type as RoleType }),
  );
  return (
    <form ref={form.formRef} className="stack" onSubmit={form.onSubmit} noValidate aria-label="Create role">
      <ProblemAlert error={form.problem} />
      <TextField label="Role name" required placeholder="user:reader" hint="For Hasura, name it like the Hasura role it maps to." {...form.field('name')} />
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
      <div className="row-end">
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        <Button type="submit" variant="primary" busy={form.busy}>
          Create role
        </Button>
      </div>
    </form>
  );
}
