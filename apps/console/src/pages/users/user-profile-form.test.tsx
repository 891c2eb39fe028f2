// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { problem, renderWithApi, submit, type } from '../../test-support/render.tsx';
import { UserProfileForm, type UserProfileInput } from './user-profile-form.tsx';

const demo: UserProfileInput = { username: 'demo', primaryEmail: 'demo@example.com', primaryPhone: null, name: 'Demo User', avatar: null };

describe('UserProfileForm', () => {
  it('starts from the profile, with empty fields for missing values', () => {
    renderWithApi(<UserProfileForm user={demo} onSubmit={vi.fn()} />);
    expect(screen.getByLabelText<HTMLInputElement>('Username').value).toBe('demo');
    expect(screen.getByLabelText<HTMLInputElement>('Email').value).toBe('demo@example.com');
    expect(screen.getByLabelText<HTMLInputElement>('Phone').value).toBe('');
  });

  it('applies the username pattern and the email, phone and avatar formats', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<UserProfileForm user={demo} onSubmit={onSubmit} />);
    type('Username', '1demo');
    type('Email', 'demo@');
    type('Phone', '+49 151');
    type('Avatar URL', 'avatar.png');
    submit('Save profile');
    expect(await screen.findByText('must start with a letter or _ and contain only letters, digits, _, . and -')).toBeTruthy();
    expect(screen.getByText('must be an email address')).toBeTruthy();
    expect(screen.getByText('must be digits, optionally starting with +')).toBeTruthy();
    expect(screen.getByText('must be an absolute http(s) URL without a fragment')).toBeTruthy();
    expect(screen.getByLabelText('Phone').getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses a name over 256 characters and clearing every identifier', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<UserProfileForm user={demo} onSubmit={onSubmit} />);
    type('Username', '');
    type('Email', ' ');
    type('Name', 'n'.repeat(257));
    submit('Save profile');
    expect(await screen.findByText('keep a username, an email address or a phone number')).toBeTruthy();
    expect(screen.getByText('must be at most 256 characters')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends every field, trimmed, with emptied ones as null', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<UserProfileForm user={demo} onSubmit={onSubmit} />);
    type('Username', '');
    type('Phone', '+4915112345678');
    type('Name', '  Demo ');
    type('Avatar URL', 'https://example.com/a.png');
    submit('Save profile');
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        username: null,
        primaryEmail: 'demo@example.com',
        primaryPhone: '+4915112345678',
        name: 'Demo',
        avatar: 'https://example.com/a.png',
      }),
    );
  });

  it("shows the server's field error on the email", async () => {
    const onSubmit = vi.fn().mockRejectedValue(problem(409, 'The email is in use.', [{ path: 'primaryEmail', message: 'is in use' }]));
    renderWithApi(<UserProfileForm user={demo} onSubmit={onSubmit} />);
    submit('Save profile');
    expect((await screen.findByRole('alert')).textContent).toContain('The email is in use.');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
  });
});
