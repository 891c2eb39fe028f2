import { useState } from 'react';
import type { Query } from '../../api/http.ts';
import { TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useForm } from '../../ui/use-form.ts';
import { LogsTable } from './logs-table.tsx';

const FIELDS = { userId: '', applicationId: '', logKey: '', start: '', end: '' };

/** datetime-local (local time) to epoch ms, or undefined when empty. */
const epoch = (local: string): number | undefined => (local ? new Date(local).getTime() : undefined);

const before = (v: string, values: Readonly<Record<string, string>>) =>
  v && values.start && new Date(v).getTime() < new Date(values.start).getTime() ? 'must not be before From' : undefined;

/** The audit log: every Management API change and authentication event, filtered like Logto's /api/logs. */
export function LogsPage() {
  const [filter, setFilter] = useState<Query>({});
  const form = useForm(
    FIELDS,
    { end: [before] },
    async (v) => {
      setFilter({
        userId: v.userId.trim(),
        applicationId: v.applicationId.trim(),
        logKey: v.logKey.trim(),
        start_time: epoch(v.start),
        end_time: epoch(v.end),
      });
    },
    { guard: false },
  );
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, and when: every Management API change (the caller under By) and every sign-in, token and lock-out event."
      />
      <div className="stack">
        <FormFrame form={form} label="Filter the audit log" className="card stack-sm">
          <div className="grid-2">
            <TextField label="User ID" placeholder="e.g. the affected user's id" {...form.field('userId')} />
            <TextField label="Application ID" {...form.field('applicationId')} />
            <TextField label="Event key" placeholder="e.g. User.Roles.Updated" {...form.field('logKey')} />
            <div />
            <TextField label="From" type="datetime-local" {...form.field('start')} />
            <TextField label="To" type="datetime-local" {...form.field('end')} />
          </div>
          <FormActions form={form} submitLabel="Apply filters" align="start" />
        </FormFrame>
        <LogsTable filter={filter} />
      </div>
    </>
  );
}
