// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApi, submit, type } from '../../test-support/render.tsx';
import { ApplicationForm } from './application-form.tsx';
import { UriListEditor } from './uri-list-editor.tsx';

describe('ApplicationForm', () => {
  it.each(['/callback', 'http://localhost:5173/callback#done', 'https://*.example.com/callback', 'javascript:alert(1)'])(
    'refuses the redirect URI %j',
    async (uri) => {
      const onSubmit = vi.fn();
      renderWithApi(<ApplicationForm onSubmit={onSubmit} />);
      type('Name *', 'My app');
      type('Redirect URI', uri);
      submit('Create application');
      expect(await screen.findByText('must be an absolute URI without a fragment or wildcard')).toBeTruthy();
      expect(onSubmit).not.toHaveBeenCalled();
    },
  );

  it('creates a SPA with its redirect URI, and a machine app without any', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<ApplicationForm onSubmit={onSubmit} />);
    type('Name *', 'My app');
    type('Redirect URI', 'http://localhost:5173/callback');
    submit('Create application');
    await waitFor(() =>
      expect(onSubmit).toHaveBeenLastCalledWith({
        name: 'My app',
        description: null,
        type: 'SPA',
        oidcClientMetadata: { redirectUris: ['http://localhost:5173/callback'], postLogoutRedirectUris: [] },
      }),
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Machine-to-machine' }));
    expect(screen.queryByLabelText('Redirect URI')).toBeNull();
    submit('Create application');
    await waitFor(() => expect(onSubmit).toHaveBeenLastCalledWith({ name: 'My app', description: null, type: 'MachineToMachine' }));
  });
});

describe('UriListEditor', () => {
  it('checks every row on Save and saves both lists in one request, without a separate Add', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<UriListEditor initial={{ redirectUris: ['https://app.example.com/cb'], postLogoutRedirectUris: [] }} onSave={onSave} />);
    const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save redirect URIs' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add redirect uri' }));
    type('Redirect URI 2', 'https://app.example.com/cb#x');
    save();
    expect(await screen.findByText('must be an absolute URI without a fragment or wildcard')).toBeTruthy();
    type('Redirect URI 2', 'https://app.example.com/cb');
    save();
    expect(await screen.findByText('is already in the list')).toBeTruthy();
    type('Redirect URI 2', 'myapp://callback');
    fireEvent.click(screen.getByRole('button', { name: 'Add post sign-out redirect uri' }));
    type('Post sign-out redirect URI 1', 'https://app.example.com/');
    fireEvent.click(screen.getByRole('button', { name: 'Remove redirect uri 1 (https://app.example.com/cb)' }));
    expect(onSave).not.toHaveBeenCalled();
    save();
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({ redirectUris: ['myapp://callback'], postLogoutRedirectUris: ['https://app.example.com/'] }),
    );
  });
});
