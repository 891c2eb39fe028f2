import type { UserDto } from '@gatehouse/client/dto';
import type { ReactNode } from 'react';
import { CopyValue } from '../../ui/copy-value.tsx';
import { formatTime } from './user-label.ts';

export function UserProfile({ user }: { user: UserDto }) {
  const rows: Array<[string, ReactNode]> = [
    ['User ID', <CopyValue key="id" value={user.id} label="User ID" />],
    ['Username', user.username ?? '—'],
    ['Email', user.primaryEmail ? `${user.primaryEmail} (${user.primaryEmailVerified ? 'verified' : 'not verified'})` : '—'],
    ['Phone', user.primaryPhone ?? '—'],
    ['Name', user.name ?? '—'],
    ['Avatar', user.avatar ?? '—'],
    ['Password', user.hasPassword ? 'Set' : 'Not set'],
    ['Created', formatTime(user.createdAt)],
    ['Last sign-in', formatTime(user.lastSignInAt)],
  ];
  return (
    <dl className="card details">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
