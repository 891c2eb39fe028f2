import type { UserDto } from '@gatehouse/client/dto';
import { formatTime } from './user-label.ts';

export function UserProfile({ user }: { user: UserDto }) {
  const rows: Array<[string, string]> = [
    ['User ID', user.id],
    ['Username', user.username ?? '—'],
    ['Email', user.primaryEmail ?? '—'],
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
          <dd className={k === 'User ID' ? 'mono' : undefined}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
