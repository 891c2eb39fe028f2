// @vitest-environment jsdom
import type { ConnectorDto } from '@gatehouse/client/dto';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApi, submit, type } from '../../test-support/render.tsx';
import { ConnectorForm } from './connector-form.tsx';

const stored: ConnectorDto = {
  id: 'c1',
  connectorId: 'oidc',
  type: 'Social',
  isStandard: true,
  platform: 'Universal',
  target: 'acme',
  metadata: { target: 'acme', name: { en: 'Acme' }, logo: null },
  config: {
    clientId: 'client-1',
    clientSecret: '********cret',
    scope: 'openid profile',
    authorizationEndpoint: 'https://idp.example.com/authorize',
    tokenEndpoint: 'https://idp.example.com/token',
    tokenEndpointAuthMethod: 'client_secret_basic',
    idTokenVerificationConfig: { jwksUri: 'https://idp.example.com/jwks' },
  },
  syncProfile: false,
  enableTokenStorage: false,
  redirectUri: 'http://localhost/callback/c1',
  createdAt: 0,
};

describe('ConnectorForm', () => {
  it('refuses an OIDC connector with neither an issuer nor its endpoints, and a bad target, sending nothing', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<ConnectorForm onSubmit={onSubmit} />);
    type(/^Target/, 'has space');
    type(/^Client ID/, 'id');
    type(/^Client secret/, 'secret');
    submit('Create connector');
    expect(await screen.findByText(/letters, digits/)).toBeTruthy();
    expect(screen.getAllByText('required without an issuer')).toHaveLength(3);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends an OIDC connector with its endpoints in Logto’s shape', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<ConnectorForm onSubmit={onSubmit} />);
    type(/^Target/, 'acme');
    type(/^Display name/, ' Acme SSO ');
    type(/^Client ID/, 'client-1');
    type(/^Client secret/, 's3cret');
    type(/^Authorization endpoint/, 'https://idp.example.com/authorize');
    type('Token endpoint', 'https://idp.example.com/token');
    type(/^JWKS URI/, 'https://idp.example.com/jwks');
    submit('Create connector');
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        connectorId: 'oidc',
        config: {
          clientId: 'client-1',
          clientSecret: 's3cret',
          authorizationEndpoint: 'https://idp.example.com/authorize',
          tokenEndpoint: 'https://idp.example.com/token',
          tokenEndpointAuthMethod: 'client_secret_post',
          idTokenVerificationConfig: { jwksUri: 'https://idp.example.com/jwks' },
          trustUnverifiedEmail: false,
        },
        metadata: { target: 'acme', name: 'Acme SSO' },
        syncProfile: false,
      }),
    );
  });

  it('asks only for the client of the GitHub preset: no target, no endpoints', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<ConnectorForm onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('radio', { name: 'GitHub' }));
    expect(screen.queryByLabelText(/^Target/)).toBeNull();
    expect(screen.queryByLabelText(/^Authorization endpoint/)).toBeNull();
    type(/^Client ID/, 'gh-id');
    type(/^Client secret/, 'gh-secret');
    submit('Create connector');
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        connectorId: 'github-universal',
        config: { clientId: 'gh-id', clientSecret: 'gh-secret' },
        metadata: {},
        syncProfile: false,
      }),
    );
  });

  it('on edit keeps the stored secret when the field stays empty, and sends neither kind nor target', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<ConnectorForm initial={stored} onSubmit={onSubmit} />);
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByText(/keep the stored secret \(\*\*\*\*\*\*\*\*cret\)/)).toBeTruthy();
    type(/^Display name/, 'Acme');
    submit('Save');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const input = onSubmit.mock.calls[0][0] as { config: Record<string, unknown>; metadata: unknown; connectorId?: string };
    expect(input.connectorId).toBeUndefined();
    expect(input.metadata).toEqual({ name: 'Acme' });
    expect(input.config.clientSecret).toBeUndefined();
    expect(input.config).toMatchObject({ clientId: 'client-1', scope: 'openid profile', tokenEndpointAuthMethod: 'client_secret_basic' });
  });
});
