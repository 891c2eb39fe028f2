import type { HookDto, HookEventName } from '@gatehouse/client/dto';
import { useState } from 'react';
import { TextAreaField, TextField } from '../../ui/field.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { FormFrame } from '../../ui/form-frame.tsx';
import { useForm } from '../../ui/use-form.ts';
import { httpUrl, name, required } from '../../validation/rules.ts';
import { HOOK_EVENT_GROUPS } from './hook-events.ts';

export interface HookInput {
  name: string;
  events: HookEventName[];
  config: { url: string; headers: Record<string, string> };
}

const headerLines = (v: string) =>
  v
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const headersRule = (v: string) =>
  headerLines(v).every((line) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}:\s*\S/.test(line)) ? undefined : 'one "Name: value" per line';

/** Create or edit a webhook: name, endpoint URL, extra headers and the events it receives. */
export function HookForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial?: HookDto;
  onSubmit: (input: HookInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const [events, setEvents] = useState<Set<HookEventName>>(new Set(initial?.events ?? ['User.Created']));
  const headers = Object.entries(initial?.config.headers ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  const form = useForm(
    { name: initial?.name ?? '', url: initial?.config.url ?? '', headers },
    { name: [name], url: [required, httpUrl], headers: [headersRule] },
    async (v) => {
      // Shown above the form by FormFrame; the form stays dirty.
      if (events.size === 0) throw new Error('Choose at least one event.');
      const parsed = Object.fromEntries(
        headerLines(v.headers).map((line) => {
          const at = line.indexOf(':');
          return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
        }),
      );
      await onSubmit({ name: v.name.trim(), events: [...events], config: { url: v.url.trim(), headers: parsed } });
    },
  );
  const toggle = (event: HookEventName) => {
    const next = new Set(events);
    if (next.has(event)) next.delete(event);
    else next.add(event);
    setEvents(next);
  };
  const label = initial ? 'Edit webhook' : 'Create webhook';
  return (
    <FormFrame form={form} label={label}>
      <TextField label="Name" required placeholder="e.g. Sync users to Hasura" {...form.field('name')} />
      <TextField
        label="Endpoint URL"
        required
        type="url"
        inputMode="url"
        placeholder="e.g. https://api.example.com/hooks/gatehouse"
        hint="Signed POSTs go here; redirects are not followed."
        {...form.field('url')}
      />
      <TextAreaField label="Extra headers (optional)" rows={2} placeholder="e.g. X-Api-Key: secret" {...form.field('headers')} />
      <fieldset className="field">
        <legend>Events</legend>
        {HOOK_EVENT_GROUPS.map((group) => (
          <fieldset key={group.label} className="field">
            <legend className="small">{group.label}</legend>
            <div className="choices">
              {group.events.map((event) => (
                <label key={event} className="choice">
                  <input type="checkbox" checked={events.has(event)} onChange={() => toggle(event)} />
                  <code>{event}</code>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </fieldset>
      <FormActions form={form} submitLabel={initial ? 'Save' : 'Create webhook'} onCancel={onCancel} />
    </FormFrame>
  );
}
