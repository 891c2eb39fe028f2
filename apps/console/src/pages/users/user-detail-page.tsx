import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { User } from '../../api/types.ts';
import { useQuery } from '../../api/use-query.ts';
import { navigate } from '../../router/router.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Notice, QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { userLabel } from '../roles/role-users-tab.tsx';
import { PasswordForm } from './password-form.tsx';
import { UserProfile } from './user-profile.tsx';
import { UserRolesTab } from './user-roles-tab.tsx';

export function UserDetailPage({ id }: { id: string }) {
  const api = useApi();
  const path = `/users/${encodeURIComponent(id)}`;
  const query = useQuery((a) => a.get<User>(path), [path]);
  const [dialog, setDialog] = useState<'password' | 'suspend' | 'delete'>();
  const [notice, setNotice] = useState<string>();
  const close = () => setDialog(undefined);
  return (
    <QueryView query={query}>
      {(user) => (
        <>
          <PageHeader
            back={{ to: '/users', label: 'Users' }}
            title={userLabel(user)}
            description={user.isSuspended ? <Badge tone="danger">Suspended: cannot sign in</Badge> : user.primaryEmail}
            actions={
              <>
                <Button onClick={() => setDialog('password')}>Reset password</Button>
                <Button onClick={() => setDialog('suspend')}>{user.isSuspended ? 'Reinstate' : 'Suspend'}</Button>
                <Button variant="danger" onClick={() => setDialog('delete')}>
                  Delete user
                </Button>
              </>
            }
          />
          {notice && <Notice>{notice}</Notice>}
          <Tabs
            label="User"
            tabs={[
              { id: 'roles', label: 'Roles', content: () => <UserRolesTab user={user} /> },
              { id: 'profile', label: 'Profile', content: () => <UserProfile user={user} /> },
            ]}
          />
          <Dialog open={dialog === 'password'} title="Reset password" onClose={close}>
            <PasswordForm
              onCancel={close}
              onSubmit={async (password) => {
                await api.send('PATCH', `${path}/password`, { password });
                close();
                setNotice('The password was changed.');
              }}
            />
          </Dialog>
          <ConfirmDialog
            open={dialog === 'suspend'}
            title={user.isSuspended ? 'Reinstate this user?' : 'Suspend this user?'}
            confirmLabel={user.isSuspended ? 'Reinstate' : 'Suspend'}
            danger={!user.isSuspended}
            onClose={close}
            onConfirm={async () => {
              await api.send('PATCH', `${path}/is-suspended`, { isSuspended: !user.isSuspended });
              setNotice(user.isSuspended ? 'The user was reinstated.' : 'The user was suspended.');
              query.reload();
            }}
          >
            <p>{user.isSuspended ? `${userLabel(user)} can sign in again.` : `${userLabel(user)} can no longer sign in or refresh tokens.`}</p>
          </ConfirmDialog>
          <ConfirmDialog
            open={dialog === 'delete'}
            title="Delete this user?"
            confirmLabel="Delete user"
            onClose={close}
            onConfirm={async () => {
              await api.send('DELETE', path);
              navigate('/users');
            }}
          >
            <p>{userLabel(user)} and their role assignments are deleted. This cannot be undone.</p>
          </ConfirmDialog>
        </>
      )}
    </QueryView>
  );
}
