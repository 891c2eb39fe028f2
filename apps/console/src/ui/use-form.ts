import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.ts';
import { hasErrors, validate, type Errors, type Rule } from '../validation/rules.ts';
import { useUnsavedChanges } from './unsaved-changes.ts';

/**
 * Form state with the two-step check every console form uses: the client rules first
 * (nothing is sent while a field is invalid, focus moves to the first invalid field), then
 * the server's answer: its problem detail above the form, its per-field errors on the fields
 * (matched by the first segment of the error's path).
 */
export function useForm<K extends string>(
  initial: Record<K, string>,
  schema: Partial<Record<K, Rule[]>>,
  submit: (values: Record<K, string>) => Promise<void>,
  /** `guard: false` for forms whose input is not worth keeping (a diagnosis, a search). */
  options: { guard?: boolean } = {},
) {
  const [values, setValues] = useState(initial);
  // What was loaded or last saved: the form is dirty while its values differ from it.
  const [baseline, setBaseline] = useState(initial);
  const dirty = (Object.keys(values) as K[]).some((k) => values[k] !== baseline[k]);
  useUnsavedChanges(dirty && options.guard !== false);
  const [errors, setErrors] = useState<Errors<K>>({});
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // After React has rendered the errors (a task later), so aria-invalid is in the DOM.
  const focusFirstInvalid = () => {
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  };

  const set = (key: K, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };

  const field = (key: K) => ({ value: values[key], error: errors[key], onChange: (value: string) => set(key, value) });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values, schema);
    setErrors(found);
    setProblem(undefined);
    if (hasErrors(found)) return focusFirstInvalid();
    setBusy(true);
    try {
      await submit(values);
      setBaseline(values);
    } catch (error) {
      setProblem(error);
      if (error instanceof ApiError) {
        const fromServer: Errors<K> = {};
        for (const f of error.fieldErrors) {
          const key = f.path.split('.')[0] as K;
          if (key in values && !fromServer[key]) fromServer[key] = f.message;
        }
        setErrors(fromServer);
        if (hasErrors(fromServer)) focusFirstInvalid();
      }
    } finally {
      setBusy(false);
    }
  };

  return { values, set, setValues, errors, setErrors, problem, busy, field, onSubmit, formRef, dirty };
}
