import { useId, type ReactNode } from 'react';

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

function describedBy(ids: { hint: string; error: string }, hint: unknown, error: unknown): string | undefined {
  return [hint ? ids.hint : '', error ? ids.error : ''].filter(Boolean).join(' ') || undefined;
}

function Messages({ ids, hint, error }: { ids: { hint: string; error: string }; hint?: ReactNode; error?: string }) {
  return (
    <>
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
    </>
  );
}

export interface TextFieldProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'email' | 'url' | 'number' | 'search';
  autoComplete?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'url' | 'email' | 'text';
}

export function TextField({ label, hint, error, id, value, onChange, type = 'text', required, ...rest }: TextFieldProps) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.input}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={ids.input}
        className="input"
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(ids, hint, error)}
        spellCheck={false}
        {...rest}
      />
      <Messages ids={ids} hint={hint} error={error} />
    </div>
  );
}

export interface TextAreaFieldProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  rows?: number;
  placeholder?: string;
}

export function TextAreaField({ label, hint, error, id, value, onChange, rows = 6, required, ...rest }: TextAreaFieldProps) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.input}>{label}</label>
      <textarea
        id={ids.input}
        className="textarea"
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(ids, hint, error)}
        spellCheck={false}
        {...rest}
      />
      <Messages ids={ids} hint={hint} error={error} />
    </div>
  );
}

export interface SelectFieldProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}

export function SelectField({ label, hint, error, id, value, onChange, options, placeholder, required, disabled }: SelectFieldProps) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.input}>{label}</label>
      <select
        id={ids.input}
        className="select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(ids, hint, error)}
        disabled={disabled}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages ids={ids} hint={hint} error={error} />
    </div>
  );
}

export interface RadioGroupProps<T extends string> {
  legend: ReactNode;
  name: string;
  value: T;
  onChange(value: T): void;
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
