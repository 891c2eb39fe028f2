import { useApi } from '../../api/api-context.tsx';
import { useQuery } from '../../api/use-query.ts';
import { RemovableTable } from '../../components/removable-table.tsx';
import { orDash } from '../../ui/data-table.tsx';
import { QueryView } from '../../ui/states.tsx';
import { formatTime } from './user-label.ts';

/** One of the user's second factors, as GET /users/:id/mfa-verifications lists it (no secrets). */
export interface MfaVerification {
  id: string;
  type: 'Totp' | 'WebAuthn' | 'BackupCode';
  createdAt: string;
  lastUsedAt?: string;
  name?: string;
  agent?: string;
  remainCodes?: number;
}

const FACTOR_LABELS: Record<MfaVerification['type'], string> = {
  Totp: 'Authenticator app (TOTP)',
  WebAuthn: 'Passkey or security key',
  BackupCode: 'Backup codes',
};

const factorLabel = (f: MfaVerification): string => FACTOR_LABELS[f.type] ?? f.type;

/** The user's second factors; removing one is the way back in for someone who lost their device. */
export function MfaTab({ userId, name }: { userId: string; name: string }) {
  const api = useApi();
  const path = `/users/${encodeURIComponent(userId)}/mfa-verifications`;
  const query = useQuery((a) => a.get<MfaVerification[]>(path), [path]);
  return (
    <QueryView query={query} loadingLabel="Loading second factors…">
      {(factors) => (
        <RemovableTable<MfaVerification>
          items={factors}
          itemName={factorLabel}
          empty={{ title: 'No second factors', hint: `${name} signs in with a first factor only.` }}
          columns={[
            {
              header: 'Factor',
              cell: (f) => (
                <>
                  {factorLabel(f)}
                  {f.name && <span className="muted"> ({f.name})</span>}
                </>
              ),
            },
            { header: 'Added', cell: (f) => formatTime(Date.parse(f.createdAt)) },
            { header: 'Last used', cell: (f) => formatTime(f.lastUsedAt ? Date.parse(f.lastUsedAt) : null) },
            { header: 'Codes left', cell: (f) => orDash(f.remainCodes ?? null) },
          ]}
          remove={{
            title: 'Remove this second factor?',
            text: (f) =>
              `${name} can no longer use ${factorLabel(f).toLowerCase()} to sign in. If it was their only second factor and MFA is required, they set up a new one at the next sign-in.`,
            run: async (f) => {
              await api.send('DELETE', `${path}/${encodeURIComponent(f.id)}`);
              query.reload();
            },
          }}
        />
      )}
    </QueryView>
  );
}
