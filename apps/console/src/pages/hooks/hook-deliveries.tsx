import type { HookDto, LogDto } from '@gatehouse/client/dto';
import { useApi } from '../../api/api-context.tsx';
import { usePagedList } from '../../api/use-paged-list.ts';
import { entityPath } from '../../router/paths.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { ProblemAlert, QueryView } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { formatTime } from '../users/user-label.ts';

const resultTone = { Success: 'success', Error: 'danger', Pending: 'warning' } as const;

function deliveryResult(log: LogDto): keyof typeof resultTone {
  const result = log.payload.result;
  return result === 'Success' || result === 'Error' ? result : 'Pending';
}

function responseOf(log: LogDto): string {
  const response = log.payload.response as { statusCode?: number } | undefined;
  if (response?.statusCode) return `HTTP ${response.statusCode}`;
  return typeof log.payload.error === 'string' ? log.payload.error : '—';
}

/** A hook's recent deliveries (newest first) with their outcome, and Redeliver for each. */
export function HookDeliveries({ hook }: { hook: HookDto }) {
  const api = useApi();
  const base = `${entityPath('hooks', hook.id)}/recent-logs`;
  const list = usePagedList<LogDto>(base);
  const redeliver = useAction(async (log: LogDto) => {
    await api.send('POST', `${base}/${encodeURIComponent(log.id)}/retry`);
    list.query.reload();
  });
  return (
    <section className="card stack-sm" aria-labelledby="deliveries-title">
      <div className="card-header">
        <h2 id="deliveries-title">Recent deliveries</h2>
        <Button size="sm" onClick={list.query.reload} busy={list.query.loading}>
          Refresh
        </Button>
      </div>
      <ProblemAlert error={redeliver.problem} title="Redelivery failed" />
      <QueryView query={list.query}>
        {({ items, total }) => (
          <div>
            <DataTable<LogDto>
              columns={[
                { header: 'Time', cell: (l) => formatTime(l.createdAt) },
                { header: 'Event', className: 'mono', cell: (l) => l.key.replace(/^TriggerHook\./, '') },
                { header: 'Result', cell: (l) => <Badge tone={resultTone[deliveryResult(l)]}>{deliveryResult(l)}</Badge> },
                { header: 'Attempts', cell: (l) => (typeof l.payload.attempts === 'number' ? l.payload.attempts : 0) },
                { header: 'Response', cell: responseOf },
              ]}
              items={items}
              empty={{ title: 'No deliveries yet', hint: 'Deliveries appear here once a subscribed event happens.' }}
              actions={(l) => (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Redeliver ${l.key} of ${formatTime(l.createdAt)}`}
                  onClick={() => void redeliver.run(l)}
                >
                  Redeliver
                </Button>
              )}
            />
            <Pagination page={list.page} pageSize={list.pageSize} total={total} onPage={list.setPage} />
          </div>
        )}
      </QueryView>
    </section>
  );
}
