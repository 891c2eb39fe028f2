import type { User } from '../../api/types.ts';
import { formatTime } from './users-page.tsx';

export function UserProfile({ user }: { user: User }) {
  const rows: Array<[string, string]> = [
    ['User ID', user.id],
    ['Username', user.username ?? '—'],
    ['Email', user.primaryEmail ?? '—'],
    ['Phone', user.primaryPhone ?? '—'],
    ['Name', user.name ?? '—'],
    ['Password', user.hasPassword === false ? 'Not set' : 'Set'],
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
