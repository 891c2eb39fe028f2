import { useId, type ChangeEvent, type ReactNode } from 'react';

interface BaseProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  id?: string;
  required?: boolean;
  disabled?: boolean;
}

function useFieldIds(id?: string) {
  const generated = useId();
  const base = id ?? generated;
  return { input: base, hint: `${base}-hint`, error: `${base}-error` };
}

type FieldIds = ReturnType<typeof useFieldIds>;

/** The props every control of a field shares: id, value, change handler and its ARIA state. */
function controlProps(
  ids: FieldIds,
  { value, onChange, hint, error, required }: Pick<TextFieldProps, 'value' | 'onChange' | 'hint' | 'error' | 'required'>,
) {
  return {
    id: ids.input,
    value,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => onChange(e.target.value),
    'aria-invalid': error ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': [hint ? ids.hint : '', error ? ids.error : ''].filter(Boolean).join(' ') || undefined,
  };
}

/** Label, control, then the hint and the error the control is described by. */
function FieldShell({
  ids,
  label,
  hint,
  error,
  children,
}: {
  ids: FieldIds;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={ids.input}>{label}</label>
      {children}
      {hint && (
        <span id={ids.hint} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={ids.error} className="error">
          {error}
        </span>
      )}
    </div>
  );
}

export interface TextFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'email' | 'url' | 'number' | 'search' | 'tel' | 'datetime-local';
  autoComplete?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'url' | 'email' | 'text';
}

export function TextField({ label, hint, error, id, value, onChange, type = 'text', required, ...rest }: TextFieldProps) {
  const ids = useFieldIds(id);
  const marked = (
    <>
      {label}
      {required && <span aria-hidden="true"> *</span>}
    </>
  );
  return (
    <FieldShell ids={ids} label={marked} hint={hint} error={error}>
      <input
        className="input"
        type={type}
        {...controlProps(ids, { value, onChange, hint, error, required })}
        spellCheck={false}
        {...rest}
      />
    </FieldShell>
  );
}

export interface TextAreaFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  placeholder?: string;
}

export function TextAreaField({ label, hint, error, id, value, onChange, rows = 6, required, ...rest }: TextAreaFieldProps) {
  const ids = useFieldIds(id);
  return (
    <FieldShell ids={ids} label={label} hint={hint} error={error}>
      <textarea
        className="textarea"
        rows={rows}
        {...controlProps(ids, { value, onChange, hint, error, required })}
        spellCheck={false}
        {...rest}
      />
    </FieldShell>
  );
}

export interface SelectFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}

export function SelectField({ label, hint, error, id, value, onChange, options, placeholder, required, disabled }: SelectFieldProps) {
  const ids = useFieldIds(id);
  return (
    <FieldShell ids={ids} label={label} hint={hint} error={error}>
      <select className="select" {...controlProps(ids, { value, onChange, hint, error, required })} disabled={disabled}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export interface RadioGroupProps<T extends string> {
  legend: ReactNode;
  name: string;
  value: T;
  onChange: (value: T) => void;
  options: Array<{ value: T; label: ReactNode }>;
  hint?: ReactNode;
}

export function RadioGroup<T extends string>({ legend, name, value, onChange, options, hint }: RadioGroupProps<T>) {
  const hintId = useId();
  return (
    <fieldset className="field" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      <div className="choices">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
    </fieldset>
  );
}
