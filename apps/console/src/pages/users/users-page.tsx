import type { UserDto } from '@gatehouse/client/dto';
import { useDeferredValue, useState } from 'react';
import { linkColumn } from '../../components/link-column.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { Badge } from '../../ui/badge.tsx';
import { orDash } from '../../ui/data-table.tsx';
import { TextField } from '../../ui/field.tsx';
import { formatTime, userLabel } from './user-label.ts';
import { UserForm } from './user-form.tsx';

export function UsersPage() {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  return (
    <ListPage<UserDto>
      collection="users"
      title="Users"
      description="People who sign in to your apps. Their roles decide what their access tokens allow."
      createLabel="Create user"
      createForm={(props) => <UserForm {...props} />}
      filter={{ search: deferred }}
      toolbar={
        <TextField label="Search users" type="search" placeholder="Username, email, name or id" value={search} onChange={setSearch} />
      }
      columns={[
        linkColumn('User', 'users', userLabel, (u) => u.isSuspended && <Badge tone="danger">Suspended</Badge>),
        { header: 'Email', cell: (u) => orDash(u.primaryEmail) },
        { header: 'Name', cell: (u) => orDash(u.name) },
        { header: 'Last sign-in', cell: (u) => formatTime(u.lastSignInAt) },
      ]}
      empty={{ title: deferred ? 'No user matches this search' : 'No users yet' }}
    />
  );
}
