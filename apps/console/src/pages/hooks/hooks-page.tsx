import type { HookDto } from '@gatehouse/client/dto';
import { linkColumn } from '../../components/link-column.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { Badge } from '../../ui/badge.tsx';
import { HookForm } from './hook-form.tsx';
import { flashSigningKey } from './signing-key-flash.ts';

export function HookStatus({ hook }: { hook: HookDto }) {
  if (!hook.enabled) return <Badge>Disabled</Badge>;
  return hook.failing ? <Badge tone="danger">Failing</Badge> : <Badge tone="success">Enabled</Badge>;
}

/** Webhooks: signed POSTs of events, delivered at least once, in order, with retries. */
export function HooksPage() {
  return (
    <ListPage<HookDto>
      collection="hooks"
      title="Webhooks"
      description="Apps react to changes (a user registers, a role changes) through signed POSTs, retried for 24 hours until the endpoint answers 2xx."
      createLabel="Create webhook"
      createForm={(props) => <HookForm {...props} />}
      onCreated={(hook) => flashSigningKey(hook.id, hook.signingKey)}
      columns={[
        linkColumn('Name', 'hooks', (h) => h.name),
        { header: 'Endpoint', className: 'mono', cell: (h) => h.config.url },
        { header: 'Events', cell: (h) => h.events.length },
        { header: 'Status', cell: (h) => <HookStatus hook={h} /> },
      ]}
      empty={{ title: 'No webhooks yet', hint: 'e.g. sync new users into your Hasura database.' }}
    />
  );
}
