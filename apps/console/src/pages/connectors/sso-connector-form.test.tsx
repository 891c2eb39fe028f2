// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApi, submit, type } from '../../test-support/render.tsx';
import { SsoConnectorForm } from './sso-connector-form.tsx';

describe('SsoConnectorForm', () => {
  it('refuses a domain that is not one and sends nothing', async () => {
    const onSubmit = vi.fn();
    renderWithApi(<SsoConnectorForm onSubmit={onSubmit} />);
    type(/^Name/, 'Acme');
    type(/^Issuer/, 'https://acme.example.com');
    type(/^Client ID/, 'id');
    type(/^Client secret/, 'secret');
    type(/^Email domains/, 'acme.com\nnot a domain');
    submit('Create SSO connector');
    expect(await screen.findByText('not a domain is not a domain name such as acme.com')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("sends Logto's create body with the domains lower-cased, one a line", async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApi(<SsoConnectorForm onSubmit={onSubmit} />);
    type(/^Name/, ' Acme Okta ');
    type(/^Issuer/, 'https://acme.example.com');
    type(/^Client ID/, 'okta-id');
    type(/^Client secret/, 'okta-secret');
    type(/^Email domains/, 'Acme.com\nacme.io');
    submit('Create SSO connector');
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        providerName: 'OIDC',
        connectorName: 'Acme Okta',
        config: { clientId: 'okta-id', issuer: 'https://acme.example.com', clientSecret: 'okta-secret' },
        domains: ['acme.com', 'acme.io'],
      }),
    );
  });
});
