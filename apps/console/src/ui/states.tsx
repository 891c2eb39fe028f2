import type { ReactNode } from 'react';
import { ApiError } from '../api/http.ts';
import { Button } from './button.tsx';

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Something went wrong.';
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/** An API problem as an alert: its detail, then every per-field error with its path. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title}: </strong>}
      {errorMessage(error)}
      {fields.length > 0 && (
        <ul>
          {fields.map((f, i) => (
            <li key={i}>
              {f.path ? <code>{f.path}</code> : null} {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ErrorState({ error, onRetry, title = 'Could not load this page' }: { error: unknown; onRetry?: () => void; title?: string }) {
  const status = error instanceof ApiError ? error.status : undefined;
  return (
    <div className="stack" role="alert">
      <div className="alert alert-error">
        <strong>{title}.</strong> {errorMessage(error)}
        {status ? <span className="small"> (HTTP {status})</span> : null}
      </div>
      {onRetry && (
        <div>
          <Button onClick={onRetry}>Try again</Button>
        </div>
      )}
    </div>
  );
}

/** Loading / error / content, the three states every data view has. */
export function QueryView<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.data === undefined && query.loading) return <Loading label={loadingLabel} />;
  if (query.error) return <ErrorState error={query.error} onRetry={query.reload} />;
  if (query.data === undefined) return <Loading label={loadingLabel} />;
  return <>{children(query.data)}</>;
}

export function Notice({ kind = 'success', children }: { kind?: 'success' | 'info' | 'warning'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role="status">
      {children}
    </div>
  );
}
