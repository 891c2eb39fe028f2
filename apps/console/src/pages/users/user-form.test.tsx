// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { problem, renderWithApi, submit, type } from '../../test-support/render.tsx';
import { PasswordForm } from './password-form.tsx';
import { UserForm } from './user-form.tsx';

describe('UserForm', () => {
  it('needs a username or an email', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<UserForm onSubmit={onSubmit} />);
    submit('Create user');
    expect(await screen.findByText('enter a username or an email address')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('applies the username pattern, the email format and the 8-character password minimum', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<UserForm onSubmit={onSubmit} />);
    type('Username', '1demo');
    type('Email', 'demo@');
    type('Password', 'short');
    submit('Create user');
    expect(await screen.findByText('must start with a letter or _ and contain only letters, digits, _, . and -')).toBeTruthy();
    expect(screen.getByText('must be an email address')).toBeTruthy();
    expect(screen.getByText('must be at least 8 characters')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends only the fields filled in', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<UserForm onSubmit={onSubmit} />);
    type('Username', 'demo');
    type('Password', 'correct horse battery staple');
    submit('Create user');
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        username: 'demo',
        primaryEmail: undefined,
        name: undefined,
        password: 'correct horse battery staple',
      }),
    );
  });

  it("shows the server's field error on the username", async () => {
    const onSubmit = vi.fn().mockRejectedValue(problem(409, 'The username is taken.', [{ path: 'username', message: 'is taken' }]));
    renderWithApi(<UserForm onSubmit={onSubmit} />);
    type('Username', 'demo');
    submit('Create user');
    expect((await screen.findByRole('alert')).textContent).toContain('The username is taken.');
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('PasswordForm', () => {
  it('needs 8 characters and the same password twice', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<PasswordForm onSubmit={onSubmit} />);
    type(/New password/, 'seven77');
    submit('Set password');
    expect(await screen.findByText('must be at least 8 characters')).toBeTruthy();
    type(/New password/, 'long enough');
    type(/Repeat/, 'long enuogh');
    submit('Set password');
    expect(await screen.findByText('must match the new password')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    type(/Repeat/, 'long enough');
    submit('Set password');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith('long enough'));
  });
});
