import type { UserIdentitiesDto } from '@gatehouse/client/dto';
import { useApi } from '../../api/api-context.tsx';
import { RemovableTable } from '../../components/removable-table.tsx';
import { orDash } from '../../ui/data-table.tsx';

interface IdentityRow {
  id: string;
  userId: string;
  email: string | null;
}

const detailString = (details: Record<string, unknown> | undefined, key: string): string | null =>
  typeof details?.[key] === 'string' ? details[key] : null;

/** The user's accounts at other identity providers (GET /users/:id's identities), each unlinkable. */
export function IdentitiesTab({
  userId,
  name,
  identities,
  onChanged,
}: {
  userId: string;
  name: string;
  identities: UserIdentitiesDto;
  onChanged: () => void;
}) {
  const api = useApi();
  const rows: IdentityRow[] = Object.entries(identities).map(([target, identity]) => ({
    id: target,
    userId: identity.userId,
    email: detailString(identity.details, 'email'),
  }));
  return (
    <RemovableTable<IdentityRow>
      items={rows}
      itemName={(r) => `the ${r.id} identity`}
      empty={{ title: 'No linked identities', hint: `${name} has not signed in through a connector.` }}
      columns={[
        { header: 'Connector target', className: 'mono', cell: (r) => r.id },
        { header: 'Account at the provider', className: 'mono', cell: (r) => r.userId },
        { header: 'Email', cell: (r) => orDash(r.email) },
      ]}
      remove={{
        verb: 'Remove',
        confirmLabel: 'Unlink',
        title: 'Unlink this identity?',
        text: (r) => `${name} can no longer sign in through ${r.id}; signing in there again creates or links an account anew.`,
        run: async (r) => {
          await api.send('DELETE', `/users/${encodeURIComponent(userId)}/identities/${encodeURIComponent(r.id)}`);
          onChanged();
        },
      }}
    />
  );
}
