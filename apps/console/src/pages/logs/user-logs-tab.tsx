import { SectionIntro } from '../../ui/section-intro.tsx';
import { LogsTable } from './logs-table.tsx';

/** The user page's audit log tab: entries about this user (sign-ins, changes made to them). */
export function UserLogsTab({ userId }: { userId: string }) {
  return (
    <div className="stack">
      <SectionIntro>Sign-ins, token events and every change made to this user, newest first.</SectionIntro>
      <LogsTable filter={{ userId }} showUser={false} />
    </div>
  );
}
