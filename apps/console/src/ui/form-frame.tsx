import type { FormEvent, ReactNode, RefObject } from 'react';
import { ProblemAlert } from './states.tsx';

/** What FormFrame and FormActions need of `useForm`'s result. */
export interface FormHandle {
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (event: FormEvent) => unknown;
  problem: unknown;
  busy: boolean;
  /** Edited since loaded or last saved. */
  dirty?: boolean;
}

/** A `useForm` form: no native validation, the server's problem above the fields. */
export function FormFrame({
  form,
  label,
  className = 'stack',
  children,
}: {
  form: FormHandle;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form ref={form.formRef} className={className} onSubmit={form.onSubmit} noValidate aria-label={label}>
      <ProblemAlert error={form.problem} />
      {children}
    </form>
  );
}
