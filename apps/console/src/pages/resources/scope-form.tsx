import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { ProblemAlert } from '../../ui/states.tsx';
import { useForm } from '../../ui/use-form.ts';
import { description, scopeName } from '../../validation/rules.ts';

export interface ScopeInput {
  name: string;
  description: string | null;
}

/** Add a scope (permission), or edit its description when `initial` is given. */
export function ScopeForm({ initial, onSubmit, onCancel }: { initial?: ScopeInput; onSubmit(input: ScopeInput): Promise<void>; onCancel?(): void }) {
  const editing = initial !== undefined;
  const form = useForm(
    { name: initial?.name ?? '', description: initial?.description ?? '' },
    { name: editing ? [] : [scopeName], description: [description] },
    (v) => onSubmit({ name: v.name, description: v.description.trim() === '' ? null : v.description.trim() }),
  );
  return (
    <form ref={form.formRef} className="stack" onSubmit={form.onSubmit} noValidate aria-label={editing ? 'Edit permission' : 'Add permission'}>
      <ProblemAlert error={form.problem} />
      {editing ? (
        <p>
          Permission <code>{initial.name}</code>
        </p>
      ) : (
        <TextField label="Permission name" required placeholder="read:user" hint="Printable ASCII without spaces, e.g. read:user." {...form.field('name')} />
      )}
      <TextField label="Description" placeholder="Read users" {...form.field('description')} />
      <div className="row-end">
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        <Button type="submit" variant="primary" busy={form.busy}>
          {editing ? 'Save' : 'Add permission'}
        </Button>
      </div>
    </form>
  );
}
