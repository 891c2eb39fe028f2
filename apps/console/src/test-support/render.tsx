import { cleanup, fireEvent, render, screen, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { ApiProvider } from '../api/api-context.tsx';
import { ApiError, type ApiClient } from '../api/http.ts';

// No vitest globals in this repo: Testing Library cannot register its own cleanup.
afterEach(cleanup);

/** Renders with an API client whose calls reject (forms under test must not reach it). */
export function renderWithApi(ui: ReactElement, api: Partial<ApiClient> = {}): RenderResult {
  const refuse = () => Promise.reject(new Error('unexpected API call'));
  const client: ApiClient = { request: refuse, get: refuse, send: refuse, ...api };
  return render(<ApiProvider client={client}>{ui}</ApiProvider>);
}

export function type(label: string | RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

export function submit(name: string | RegExp): void {
  fireEvent.click(screen.getByRole('button', { name }));
}

/** A Management API problem as the server sends it, with per-field errors. */
export function problem(status: number, detail: string, errors?: Array<{ path: string; message: string }>): ApiError {
  return new ApiError({ title: 'Bad Request', status, detail, code: status === 409 ? 'entity.conflict' : 'validation.failed', errors });
}

/** Waits for a task so setTimeout-deferred focus moves have run. */
export const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
