import type { UserDto, UserIdentitiesDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useEntity } from '../../api/use-entity.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { DeleteButton } from '../../components/delete-button.tsx';
import { FormButton } from '../../components/form-button.tsx';
import { HolderRolesTab } from '../../components/holder-roles-tab.tsx';
import { Badge } from '../../ui/badge.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Notice, QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { UserLogsTab } from '../logs/user-logs-tab.tsx';
import { PasswordForm } from './password-form.tsx';
import { userLabel } from './user-label.ts';
import { UserProfile } from './user-profile.tsx';
import { UserProfileForm } from './user-profile-form.tsx';
import { LockoutPanel } from './lockout-panel.tsx';
import { SessionsTab } from './sessions-tab.tsx';
import { IdentitiesTab } from './identities-tab.tsx';
import { MfaTab } from './mfa-tab.tsx';

export function UserDetailPage({ id }: { id: string }) {
  const api = useApi();
  const { path, query } = useEntity<UserDto & { identities?: UserIdentitiesDto }>('users', id);
  const [notice, setNotice] = useState<string>();
  // Bumped by a password reset, which also ends a lock-out: the lock panel reads again.
  const [lockVersion, setLockVersion] = useState(0);
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
                <FormButton
                  method="PATCH"
                  label="Edit profile"
                  path={path}
                  onSent={() => {
                    setNotice('The profile was saved.');
                    query.reload();
                  }}
                  form={(props) => <UserProfileForm user={user} {...props} />}
                />
                <FormButton<string>
                  method="PATCH"
                  label="Reset password"
                  path={`${path}/password`}
                  body={(password) => ({ password })}
                  onSent={() => {
                    setNotice('The password was changed.');
                    setLockVersion((v) => v + 1);
                  }}
                  form={(props) => <PasswordForm {...props} />}
                />
                {user.primaryEmail && (
                  <ConfirmButton
                    label="Send reset email"
                    title="Send a password reset email?"
                    danger={false}
                    onConfirm={async () => {
                      await api.send('POST', `${path}/password/reset-email`);
                      setNotice(`A password reset code was sent to ${user.primaryEmail}.`);
                    }}
                  >
                    <p>{userLabel(user)} receives a code to set a new password; their current password keeps working until then.</p>
                  </ConfirmButton>
                )}
                <ConfirmButton
                  label={user.isSuspended ? 'Reinstate' : 'Suspend'}
                  title={user.isSuspended ? 'Reinstate this user?' : 'Suspend this user?'}
                  danger={!user.isSuspended}
                  onConfirm={async () => {
                    await api.send('PATCH', `${path}/is-suspended`, { isSuspended: !user.isSuspended });
                    setNotice(user.isSuspended ? 'The user was reinstated.' : 'The user was suspended.');
                    query.reload();
                  }}
                >
                  <p>
                    {user.isSuspended
                      ? `${userLabel(user)} can sign in again.`
                      : `${userLabel(user)} can no longer sign in or refresh tokens.`}
                  </p>
                </ConfirmButton>
                <DeleteButton label="Delete user" title="Delete this user?" path={path} then="/users">
                  <p>{userLabel(user)} and their role assignments are deleted. This cannot be undone.</p>
                </DeleteButton>
              </>
            }
          />
          <div className="stack">
            {notice && <Notice>{notice}</Notice>}
            <LockoutPanel userId={user.id} name={userLabel(user)} version={lockVersion} />
            <Tabs
              label="User"
              tabs={[
                {
                  id: 'roles',
                  label: 'Roles',
                  content: () => (
                    <HolderRolesTab
                      holderPath={path}
                      holder={userLabel(user)}
                      roleType="User"
                      intro="Changes reach JWTs at the next token refresh, and Hasura's webhook mode at once."
                      empty="This user holds no roles yet"
                      removeText={(role) => `${userLabel(user)} loses ${role.name} at the next token refresh.`}
                    />
                  ),
                },
                { id: 'profile', label: 'Profile', content: () => <UserProfile user={user} /> },
                { id: 'mfa', label: 'Second factors', content: () => <MfaTab userId={user.id} name={userLabel(user)} /> },
                {
                  id: 'identities',
                  label: 'Linked identities',
                  content: () => (
                    <IdentitiesTab userId={user.id} name={userLabel(user)} identities={user.identities ?? {}} onChanged={query.reload} />
                  ),
                },
                { id: 'sessions', label: 'Sessions', content: () => <SessionsTab userId={user.id} name={userLabel(user)} /> },
                { id: 'audit-log', label: 'Audit log', content: () => <UserLogsTab userId={user.id} /> },
              ]}
            />
          </div>
        </>
      )}
    </QueryView>
  );
}
