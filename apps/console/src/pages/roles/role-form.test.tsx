// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApi, submit, type } from '../../test-support/render.tsx';
import { RoleForm } from './role-form.tsx';

describe('RoleForm', () => {
  it('refuses a blank name', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<RoleForm onSubmit={onSubmit} />);
    type(/Role name/, '   ');
    submit('Create role');
    expect(await screen.findByText('must not be empty')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('creates a User role by default and a machine-to-machine role when chosen', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<RoleForm onSubmit={onSubmit} />);
    type(/Role name/, 'user:reader');
    submit('Create role');
    await waitFor(() => expect(onSubmit).toHaveBeenLastCalledWith({ name: 'user:reader', description: null, type: 'User' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Machine-to-machine' }));
    submit('Create role');
    await waitFor(() => expect(onSubmit).toHaveBeenLastCalledWith({ name: 'user:reader', description: null, type: 'MachineToMachine' }));
  });
});
