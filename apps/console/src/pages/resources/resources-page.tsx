import type { ResourceDto } from '@gatehouse/client/dto';
import { linkColumn } from '../../components/link-column.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { Badge } from '../../ui/badge.tsx';
import { ResourceForm } from './resource-form.tsx';
import { CopyValue } from '../../ui/copy-value.tsx';

export function ResourcesPage() {
  return (
    <ListPage<ResourceDto>
      collection="resources"
      title="API resources"
      description="The APIs that access tokens are issued for, each with its permissions (scopes). Create one for Hasura: its indicator becomes the tokens' audience."
      createLabel="Create API resource"
      createForm={(props) => <ResourceForm {...props} />}
      columns={[
        linkColumn(
          'Name',
          'resources',
          (r) => r.name,
          (r) => r.isBuiltin && <Badge>Built-in</Badge>,
        ),
        { header: 'API identifier', cell: (r) => <CopyValue value={r.indicator} label={`API identifier of ${r.name}`} /> },
        { header: 'Token lifetime', cell: (r) => `${r.accessTokenTtl} s` },
      ]}
      empty={{ title: 'No API resources yet', hint: 'Create one for each API that accepts Gatehouse tokens.' }}
    />
  );
}
