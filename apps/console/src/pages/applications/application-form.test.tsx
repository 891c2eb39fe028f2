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
  it('checks each URI as it is added and saves the whole list', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<UriListEditor label="Redirect URIs" uris={['https://app.example.com/cb']} onSave={onSave} />);
    type('New redirect uri', 'https://app.example.com/cb#x');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('must be an absolute URI without a fragment or wildcard')).toBeTruthy();
    type('New redirect uri', 'https://app.example.com/cb');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('is already in the list')).toBeTruthy();
    type('New redirect uri', 'myapp://callback');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove https://app.example.com/cb' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save redirect uris' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith(['myapp://callback']));
  });
});
