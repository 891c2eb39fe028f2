// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../api/http.ts';
import { renderWithApi, submit, type } from '../../test-support/render.tsx';
import { HasuraPresetForm } from './hasura-preset-form.tsx';

const resources = [
  { id: 'management-api', name: 'Gatehouse Management API', indicator: 'http://localhost:3001/api', accessTokenTtl: 3600, isBuiltin: true },
  { id: 'r1', name: 'Hasura', indicator: 'https://hasura.example.com/api', accessTokenTtl: 3600 },
];
const request = (async () => ({ data: resources, total: resources.length })) as unknown as ApiClient['request'];

describe('HasuraPresetForm', () => {
  it('offers only non-built-in resources and needs one', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<HasuraPresetForm onSubmit={onSubmit} onCancel={() => undefined} />, { request });
    const select = await screen.findByLabelText("Hasura's API resource");
    expect([...(select as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'https://hasura.example.com/api']);
    submit('Enable Hasura preset');
    expect(await screen.findByText('Choose an API resource', { selector: '.error' })).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('checks a custom namespace path the way the server does', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<HasuraPresetForm onSubmit={onSubmit} onCancel={() => undefined} />, { request });
    fireEvent.change(await screen.findByLabelText("Hasura's API resource"), { target: { value: 'https://hasura.example.com/api' } });
    fireEvent.change(screen.getByLabelText('Claims format'), { target: { value: 'namespacePath' } });
    type('Claims namespace path', 'hasura..claims');
    submit('Enable Hasura preset');
    expect(await screen.findByText('must be a dotted path like hasura.claims')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the resource, the format and only the variables given', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<HasuraPresetForm onSubmit={onSubmit} onCancel={() => undefined} />, { request });
    fireEvent.change(await screen.findByLabelText("Hasura's API resource"), { target: { value: 'https://hasura.example.com/api' } });
    type('Default role (USER_DEFAULT_ROLE_NAMES)', 'user:reader');
    submit('Enable Hasura preset');
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        resource: 'https://hasura.example.com/api',
        format: 'json',
        environmentVariables: { USER_DEFAULT_ROLE_NAMES: 'user:reader' },
      }),
    );
  });
});
