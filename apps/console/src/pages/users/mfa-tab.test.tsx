// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../api/http.ts';
import { renderWithApi } from '../../test-support/render.tsx';
import { MfaTab, type MfaVerification } from './mfa-tab.tsx';

describe('MfaTab', () => {
  it("lists the user's second factors and removes one after a confirmation", async () => {
    let factors: MfaVerification[] = [
      { id: 'v1', type: 'Totp', createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 'v2', type: 'BackupCode', createdAt: '2026-01-02T00:00:00.000Z', remainCodes: 7 },
    ];
    const sent: string[] = [];
    const api: Partial<ApiClient> = {
      get: <T,>() => Promise.resolve(factors as T),
      send: <T,>(method: string, path: string) => {
        sent.push(`${method} ${path}`);
        factors = factors.filter((f) => !path.endsWith(`/${f.id}`));
        return Promise.resolve(undefined as T);
      },
    };
    renderWithApi(<MfaTab userId="u 1" name="ada" />, api);
    expect(await screen.findByText('Authenticator app (TOTP)')).toBeTruthy();
    expect(screen.getByText('7')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove Authenticator app (TOTP)' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByText('Authenticator app (TOTP)')).toBeNull());
    expect(sent).toEqual(['DELETE /users/u%201/mfa-verifications/v1']);
    expect(screen.getByText('Backup codes')).toBeTruthy();
  });
});
