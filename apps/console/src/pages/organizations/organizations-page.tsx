import type { OrganizationDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { linkColumn } from '../../components/link-column.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { NameDescriptionForm } from '../../components/name-description-form.tsx';
import { Link } from '../../router/router.tsx';
import { descriptionColumn } from '../../ui/data-table.tsx';
import { TextField } from '../../ui/field.tsx';
import { formatTime } from '../users/user-label.ts';

/** Organizations (tenants): search by name or id, create, open one. */
export function OrganizationsPage() {
  const [q, setQ] = useState('');
  return (
    <ListPage<OrganizationDto>
      collection="organizations"
      title="Organizations"
      description={
        <>
          Tenants of a multi-tenant app: their members get organization roles, and tokens asked for with an organization carry{' '}
          <code>x-hasura-org-id</code>. Roles and permissions members can hold are defined in the{' '}
          <Link to="/organization-template">organization template</Link>.
        </>
      }
      createLabel="Create organization"
      createForm={(props) => (
        <NameDescriptionForm
          label="Create organization"
          nameLabel="Organization name"
          initial={{ name: '', description: null }}
          {...props}
        />
      )}
      columns={[
        linkColumn('Name', 'organizations', (o) => o.name),
        descriptionColumn(),
        { header: 'Created', cell: (o) => formatTime(o.createdAt) },
      ]}
      empty={{ title: 'No organizations yet', hint: 'Create one for each tenant of your app.' }}
      filter={{ q: q.trim() }}
      toolbar={<TextField label="Search organizations" type="search" value={q} onChange={setQ} placeholder="e.g. Acme" />}
    />
  );
}
