import type { UserLockoutDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { Notice, ProblemAlert } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';

/** "in 15 minutes", as the hosted sign-in page says it. */
function inWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 120) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}

/**
 * Whether failed sign-ins have locked the user out, until when, and Unlock (Logto's
 * sentinel-activities delete). `version` changes when something else may have ended the
 * lock (a password reset), so the panel reads it again.
 */
export function LockoutPanel({ userId, name, version }: { userId: string; name: string; version: number }) {
  const api = useApi();
  const path = `/users/${encodeURIComponent(userId)}/lockout`;
  const query = useQuery((a) => a.get<UserLockoutDto>(path), [path, version]);
  const [unlocked, setUnlocked] = useState(false);
  const unlock = useAction(async () => {
    await api.send('POST', '/sentinel-activities/delete', { targetType: 'User', targets: [userId] });
    setUnlocked(true);
    query.reload();
  });
  const lock = query.data;
  if (lock?.locked && lock.lockedUntil !== null) {
    return (
      <section className="alert alert-warning stack-sm" aria-labelledby="lockout-title">
        <h2 id="lockout-title" className="check-title">
          Locked after too many failed sign-ins
        </h2>
        <p>
          {name} cannot sign in until {new Date(lock.lockedUntil).toLocaleString()} ({inWords(lock.lockedUntil - Date.now())}). Unlock to
          let them try again now; setting a new password unlocks too.
        </p>
        <ProblemAlert error={unlock.problem} />
        <div>
          <Button variant="primary" busy={unlock.busy} onClick={() => void unlock.run()}>
            Unlock
          </Button>
        </div>
      </section>
    );
  }
  return unlocked ? <Notice>Unlocked: {name} can sign in again.</Notice> : null;
}
