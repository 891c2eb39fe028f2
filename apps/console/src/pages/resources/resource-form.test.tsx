// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { nextTask, problem, renderWithApi, submit, type } from '../../test-support/render.tsx';
import { ResourceForm } from './resource-form.tsx';

describe('ResourceForm', () => {
  it('refuses an indicator that is not an absolute http(s) URL, sends nothing and focuses the field', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<ResourceForm onSubmit={onSubmit} />);
    type('Name *', 'Hasura');
    type(/API identifier/, 'hasura.example.com/api');
    submit('Create API resource');
    expect(await screen.findByText('must be an absolute http(s) URL without a fragment')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    await nextTask();
    expect(document.activeElement).toBe(screen.getByLabelText(/API identifier/));
    expect(screen.getByLabelText(/API identifier/).getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses an indicator with a fragment, an ftp URL, an empty name and a lifetime out of range', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<ResourceForm onSubmit={onSubmit} />);
    type(/API identifier/, 'https://hasura.example.com/api#frag');
    type(/Access token lifetime/, '30');
    submit('Create API resource');
    expect(await screen.findByText('must not be empty')).toBeTruthy();
    expect(screen.getByText('must be an absolute http(s) URL without a fragment')).toBeTruthy();
    expect(screen.getByText('must be between 60 and 86400 seconds')).toBeTruthy();
    type(/API identifier/, 'ftp://hasura.example.com/api');
    submit('Create API resource');
    expect(await screen.findByText('must be an absolute http(s) URL without a fragment')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends trimmed values with the lifetime as a number', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<ResourceForm onSubmit={onSubmit} />);
    type('Name *', '  Hasura ');
    type(/API identifier/, 'https://hasura.example.com/api');
    type(/Access token lifetime/, '600');
    submit('Create API resource');
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ name: 'Hasura', indicator: 'https://hasura.example.com/api', accessTokenTtl: 600 }),
    );
  });

  it("shows the server's problem detail and puts its field errors on the fields", async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValue(problem(409, 'An API resource with this indicator exists.', [{ path: 'indicator', message: 'is in use' }]));
    renderWithApi(<ResourceForm onSubmit={onSubmit} />);
    type('Name *', 'Hasura');
    type(/API identifier/, 'https://hasura.example.com/api');
    submit('Create API resource');
    expect((await screen.findByRole('alert')).textContent).toContain('An API resource with this indicator exists.');
    expect(screen.getAllByText('is in use').length).toBeGreaterThan(0);
    expect(screen.getByLabelText(/API identifier/).getAttribute('aria-invalid')).toBe('true');
  });
});
