import type { LogDto } from '@gatehouse/client/dto';
import type { Query } from '../../api/http.ts';
import { usePagedList } from '../../api/use-paged-list.ts';
import { entityPath } from '../../router/paths.ts';
import { Link } from '../../router/router.tsx';
import { Badge } from '../../ui/badge.tsx';
import { DataTable, orDash } from '../../ui/data-table.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { QueryView } from '../../ui/states.tsx';
import { formatTime } from '../users/user-label.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Who did it: the Management API caller (user or app) of a change, else the signed-in user. */
export function actorOf(log: LogDto): string | undefined {
  const actor = log.payload.actor as { type?: string; id?: string } | undefined;
  if (actor?.id) return `${actor.type === 'application' ? 'app' : 'user'} ${actor.id}`;
  return undefined;
}

/** A page of audit log entries for `filter` (Logto's /api/logs query), newest first. */
export function LogsTable({ filter, showUser = true }: { filter: Query; showUser?: boolean }) {
  const list = usePagedList<LogDto>('/logs', filter);
  return (
    <QueryView query={list.query}>
      {({ items, total }) => (
        <div>
          <DataTable<LogDto>
            columns={[
              { header: 'Time', cell: (l) => <Link to={entityPath('logs', l.id)}>{formatTime(l.createdAt)}</Link> },
              {
                header: 'Event',
                cell: (l) => (
                  <>
                    <code>{l.key}</code> {l.payload.result === 'Error' && <Badge tone="danger">Failed</Badge>}
                  </>
                ),
              },
              ...(showUser
                ? [
                    {
                      header: 'User',
                      cell: (l: LogDto) => {
                        const userId = str(l.payload.userId);
                        return userId ? <Link to={entityPath('users', userId)}>{userId}</Link> : orDash(undefined);
                      },
                    },
                  ]
                : []),
              { header: 'By', cell: (l) => orDash(actorOf(l)) },
              { header: 'Application', cell: (l) => orDash(str(l.payload.applicationId)) },
            ]}
            items={items}
            empty={{ title: 'No matching entries', hint: 'Changes and sign-ins are recorded here.' }}
          />
          <Pagination page={list.page} pageSize={list.pageSize} total={total} onPage={list.setPage} />
        </div>
      )}
    </QueryView>
  );
}
