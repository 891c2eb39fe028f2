import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { ProblemAlert } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { redirectUri } from '../../validation/rules.ts';

/**
 * Edits a list of exact-match URIs (redirect or post-logout). Each URI is checked as it is
 * added; the list is saved as a whole.
 */
export function UriListEditor({ label, uris, onSave }: { label: string; uris: string[]; onSave(uris: string[]): Promise<void> }) {
  const [list, setList] = useState(uris);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const headingId = useId();
  const dirty = list.join('\n') !== uris.join('\n');

  const add = (event: FormEvent) => {
    event.preventDefault();
    const value = draft.trim();
    const message = redirectUri(value, {}) ?? (list.includes(value) ? 'is already in the list' : undefined);
    setError(message);
    if (message) return;
    setList([...list, value]);
    setDraft('');
    setSaved(false);
  };
  const save = useAction(async () => {
    await onSave(list);
    setSaved(true);
  });
  return (
    <section className="stack-sm" aria-labelledby={headingId}>
      <h3 id={headingId}>{label}</h3>
      {list.length === 0 ? (
        <p className="muted small">None yet.</p>
      ) : (
        <ul className="plain-list">
          {list.map((uri) => (
            <li key={uri} className="row">
              <code className="grow mono">{uri}</code>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${uri}`}
                onClick={() => (setList(list.filter((u) => u !== uri)), setSaved(false))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={add} noValidate aria-label={`Add to ${label}`}>
        <div className="grow">
          <TextField
            label={`New ${label.toLowerCase().replace(/s$/, '')}`}
            type="url"
            value={draft}
            onChange={(v) => (setDraft(v), setError(undefined))}
            error={error}
            placeholder="https://app.example.com/callback"
          />
        </div>
        <Button type="submit">Add</Button>
      </form>
      <ProblemAlert error={save.problem} />
      <div className="row">
        <Button variant="primary" disabled={!dirty} busy={save.busy} onClick={() => void save.run()}>
          Save {label.toLowerCase()}
        </Button>
        {saved && !dirty && (
          <span role="status" className="small muted">
            Saved.
          </span>
        )}
      </div>
    </section>
  );
}
