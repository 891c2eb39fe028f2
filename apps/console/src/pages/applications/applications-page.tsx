import type { ApplicationDto } from '@gatehouse/client/dto';
import { linkColumn } from '../../components/link-column.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { Badge } from '../../ui/badge.tsx';
import { ApplicationForm, applicationTypes } from './application-form.tsx';
import { flashSecret } from './secret-flash.ts';
import { CopyValue } from '../../ui/copy-value.tsx';

export const typeLabel = (type: ApplicationDto['type']) => applicationTypes.find((t) => t.value === type)?.label ?? type;

export function ApplicationsPage() {
  return (
    <ListPage<ApplicationDto>
      collection="applications"
      title="Applications"
      description="Apps that sign users in (single-page, web, native) and machine-to-machine clients."
      createLabel="Create application"
      createForm={(props) => <ApplicationForm {...props} />}
      // The secret is in the create response only: hand it to the detail page in memory.
      onCreated={(app) => {
        if (app.secret) flashSecret(app.id, app.secret);
      }}
      columns={[
        linkColumn(
          'Name',
          'applications',
          (app) => app.name,
          (app) => app.isBuiltin && <Badge>Built-in</Badge>,
        ),
        { header: 'Type', cell: (app) => typeLabel(app.type) },
        { header: 'App ID', cell: (app) => <CopyValue value={app.id} label={`App ID of ${app.name}`} /> },
      ]}
      empty={{ title: 'No applications yet' }}
    />
  );
}
