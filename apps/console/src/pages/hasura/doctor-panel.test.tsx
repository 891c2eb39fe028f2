// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApi, submit, type } from '../../test-support/render.tsx';
import { DoctorPanel } from './doctor-panel.tsx';

describe('DoctorPanel', () => {
  it('needs a JSON secret and a JWT before asking the server', async () => {
    const send = vi.fn();
    renderWithApi(<DoctorPanel />, { send });
    type('HASURA_GRAPHQL_JWT_SECRET', '{"jwk_url": ');
    type('Access token', 'not a token');
    submit('Diagnose');
    expect(await screen.findByText('must be the JSON value of HASURA_GRAPHQL_JWT_SECRET')).toBeTruthy();
    expect(screen.getByText('must be a JWT (three dot-separated base64url parts)')).toBeTruthy();
    expect(send).not.toHaveBeenCalled();
  });

  it('shows the verdict, each check and the fix', async () => {
    const send = vi.fn().mockResolvedValue({
      verdict: 'rejected',
      hasura: { error: 'invalid x-hasura-role' },
      checks: [
        { step: 'signature', ok: true, detail: 'verified with kid k1' },
        { step: 'role', ok: false, detail: 'admin is not in x-hasura-allowed-roles' },
      ],
      fix: 'Assign the role admin to the user.',
    });
    renderWithApi(<DoctorPanel />, { send });
    type('HASURA_GRAPHQL_JWT_SECRET', '{"jwk_url":"http://localhost:3001/oidc/jwks"}');
    type('Access token', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln');
    type('x-hasura-role (optional)', 'admin');
    submit('Diagnose');
    expect(await screen.findByText('Hasura rejects this token')).toBeTruthy();
    expect(screen.getByText(/admin is not in x-hasura-allowed-roles/)).toBeTruthy();
    expect(screen.getByText('Assign the role admin to the user.')).toBeTruthy();
    // The failing step comes first; the passing ones are folded away.
    const failing = screen.getByRole('list', { name: 'Failing steps' });
    expect(failing.textContent).toContain('role');
    expect(failing.textContent).not.toContain('signature');
    const folded = screen.getByText('1 passing step').closest('details');
    expect(folded?.open).toBe(false);
    expect(folded?.textContent).toContain('verified with kid k1');
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('POST', '/hasura/doctor', {
        jwtSecret: '{"jwk_url":"http://localhost:3001/oidc/jwks"}',
        token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln',
        role: 'admin',
      }),
    );
  });
});
