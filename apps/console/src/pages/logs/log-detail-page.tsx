import type { LogDto } from '@gatehouse/client/dto';
import { useEntity } from '../../api/use-entity.ts';
import { CodeBlock } from '../../ui/code-block.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { formatTime } from '../users/user-label.ts';
import { actorOf } from './logs-table.tsx';

/** One audit log entry with its whole payload (secrets are never recorded). */
export function LogDetailPage({ id }: { id: string }) {
  const { query } = useEntity<LogDto>('logs', id);
  return (
    <QueryView query={query}>
      {(log) => (
        <>
          <PageHeader
            back={{ to: '/logs', label: 'Audit log' }}
            title={log.key}
            description={`${formatTime(log.createdAt)}${actorOf(log) ? ` · by ${actorOf(log)}` : ''}`}
          />
          <CodeBlock label="Payload" wrap>
            {JSON.stringify(log.payload, null, 2)}
          </CodeBlock>
        </>
      )}
    </QueryView>
  );
}
