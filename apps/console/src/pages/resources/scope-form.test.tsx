// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApi, submit, type } from '../../test-support/render.tsx';
import { ScopeForm } from './scope-form.tsx';

const RFC_6749 = 'must be printable ASCII without spaces, quotes or backslashes (RFC 6749 scope-token)';

describe('ScopeForm', () => {
  it.each(['read user', 'read"user', 'read\\user', 'lire:utilisé'])('refuses the scope name %j', async (name) => {
    const onSubmit = vi.fn();
    renderWithApi(<ScopeForm onSubmit={onSubmit} />);
    type(/Permission name/, name);
    submit('Add permission');
    expect(await screen.findByText(RFC_6749)).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends a valid name, with an empty description as null', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<ScopeForm onSubmit={onSubmit} />);
    type(/Permission name/, 'read:user');
    submit('Add permission');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: 'read:user', description: null }));
  });

  it('edits only the description of an existing scope', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<ScopeForm initial={{ name: 'read:user', description: 'Old' }} onSubmit={onSubmit} />);
    expect(screen.queryByLabelText(/Permission name/)).toBeNull();
    type('Description', 'Read users');
    submit('Save');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: 'read:user', description: 'Read users' }));
  });
});
