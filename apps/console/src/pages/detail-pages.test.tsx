// @vitest-environment jsdom
import type { ApplicationDto, RoleDto, UserDto } from '@gatehouse/client/dto';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/http.ts';
import { renderWithApi, submit, type } from '../test-support/render.tsx';
import { ApplicationDetailPage } from './applications/application-detail-page.tsx';
import { RoleDetailPage } from './roles/role-detail-page.tsx';
import { UserDetailPage } from './users/user-detail-page.tsx';

const role: RoleDto = { id: 'r1', name: 'user:reader', description: null, type: 'User' };
const app: ApplicationDto = {
  id: 'a1',
  name: 'Nightly job',
  description: null,
  type: 'MachineToMachine',
  oidcClientMetadata: { redirectUris: [], postLogoutRedirectUris: [] },
  customData: {},
  createdAt: 0,
};
const user: UserDto = {
  id: 'u1',
  username: 'demo',
  primaryEmail: null,
  primaryPhone: null,
  name: null,
  avatar: null,
  customData: {},
  isSuspended: false,
  hasPassword: true,
  primaryEmailVerified: false,
  lastSignInAt: null,
  createdAt: 0,
  updatedAt: 0,
};

/** GETs answer from `entities` (lists are empty); sends resolve and are recorded. */
function fakeApi(entities: Record<string, unknown>) {
  const send = vi.fn().mockResolvedValue(undefined);
  const api: Partial<ApiClient> = {
    get: async <T,>(path: string) => (entities[path] ?? []) as T,
    request: async <T,>() => ({ data: [] as T, total: 0 }),
    send,
  };
  return { api, send };
}

const openDialog = async (button: string) => {
  fireEvent.click(await screen.findByRole('button', { name: button }));
  return screen.getByRole('dialog');
};

describe('edit dialogs of the detail pages', () => {
  it('renames a role and re-describes it', async () => {
    const { api, send } = fakeApi({ '/roles/r1': role });
    renderWithApi(<RoleDetailPage id="r1" />, api);
    const dialog = await openDialog('Edit role');
    fireEvent.change(within(dialog).getByLabelText(/Role name/), { target: { value: 'user:viewer' } });
    type('Description', 'Reads users');
    submit('Save');
    await waitFor(() => expect(send).toHaveBeenCalledWith('PATCH', '/roles/r1', { name: 'user:viewer', description: 'Reads users' }));
  });

  it("edits an application's name", async () => {
    const { api, send } = fakeApi({ '/applications/a1': app });
    renderWithApi(<ApplicationDetailPage id="a1" />, api);
    const dialog = await openDialog('Edit application');
    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: 'Nightly export' } });
    submit('Save');
    await waitFor(() => expect(send).toHaveBeenCalledWith('PATCH', '/applications/a1', { name: 'Nightly export', description: null }));
  });

  it("edits a user's profile and says so", async () => {
    const { api, send } = fakeApi({ '/users/u1': user });
    renderWithApi(<UserDetailPage id="u1" />, api);
    await openDialog('Edit profile');
    type('Email', 'demo@example.com');
    submit('Save profile');
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('PATCH', '/users/u1', {
        username: 'demo',
        primaryEmail: 'demo@example.com',
        primaryPhone: null,
        name: null,
        avatar: null,
      }),
    );
    expect(await screen.findByText('The profile was saved.')).toBeTruthy();
  });

  it('offers no edit or delete for built-in roles', async () => {
    const { api } = fakeApi({ '/roles/r1': { ...role, isBuiltin: true } });
    renderWithApi(<RoleDetailPage id="r1" />, api);
    await screen.findByRole('heading', { name: 'user:reader' });
    expect(screen.queryByRole('button', { name: 'Edit role' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete role' })).toBeNull();
  });
});
