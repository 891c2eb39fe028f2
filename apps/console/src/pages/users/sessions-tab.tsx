import type { UserSessionDto, UserSessionsDto } from '@gatehouse/client/dto';
import { useApi } from '../../api/api-context.tsx';
import { useQuery } from '../../api/use-query.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { DataTable, orDash } from '../../ui/data-table.tsx';
import { QueryView } from '../../ui/states.tsx';
import { formatTime } from './user-label.ts';

type Row = UserSessionDto & { id: string };

/** The user's active sign-in sessions (GET /users/:id/sessions); ending one also revokes its applications' refresh tokens. */
export function SessionsTab({ userId, name }: { userId: string; name: string }) {
  const api = useApi();
  const path = `/users/${encodeURIComponent(userId)}/sessions`;
  const query = useQuery((a) => a.get<UserSessionsDto>(path), [path]);
  return (
    <QueryView query={query} loadingLabel="Loading sessions…">
      {({ sessions }) => (
        <DataTable<Row>
          items={sessions.map((s) => ({ ...s, id: s.payload.uid }))}
          empty={{ title: 'No active sessions', hint: `${name} is not signed in anywhere.` }}
          columns={[
            { header: 'Signed in', cell: (s) => formatTime(s.payload.loginTs ? s.payload.loginTs * 1000 : null) },
            { header: 'Applications', cell: (s) => orDash(Object.keys(s.payload.authorizations).join(', ') || null) },
            { header: 'Expires', cell: (s) => formatTime(s.expiresAt) },
          ]}
          actions={(s) => (
            <ConfirmButton
              label="End session"
              title="End this session?"
              onConfirm={async () => {
                await api.send('DELETE', `${path}/${encodeURIComponent(s.payload.uid)}?revokeGrantsTarget=all`);
                query.reload();
              }}
            >
              <p>{name} is signed out of this browser, and its applications can no longer refresh their tokens.</p>
            </ConfirmButton>
          )}
        />
      )}
    </QueryView>
  );
}
