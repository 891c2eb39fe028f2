import { useState, type FormEvent } from 'react';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { Notice, ProblemAlert } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useUnsavedChanges } from '../../ui/unsaved-changes.ts';
import { redirectUri } from '../../validation/rules.ts';

export interface UriLists {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

type Key = keyof UriLists;
const lists: Array<{ key: Key; label: string; one: string; example: string }> = [
  { key: 'redirectUris', label: 'Redirect URIs', one: 'Redirect URI', example: 'e.g. https://app.example.com/callback' },
  {
    key: 'postLogoutRedirectUris',
    label: 'Post sign-out redirect URIs',
    one: 'Post sign-out redirect URI',
    example: 'e.g. https://app.example.com/',
  },
];

/** Problems by list and row: each URI is matched exactly, and listed once. */
function check(values: UriLists): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { key } of lists) {
    const seen = new Set<string>();
    values[key].forEach((raw, i) => {
      const uri = raw.trim();
      if (uri === '') return;
      const message = redirectUri(uri, {}) ?? (seen.has(uri) ? 'is already in the list' : undefined);
      if (message) errors[`${key}.${i}`] = message;
      seen.add(uri);
    });
  }
  return errors;
}

const clean = (values: UriLists): UriLists => ({
  redirectUris: values.redirectUris.map((u) => u.trim()).filter(Boolean),
  postLogoutRedirectUris: values.postLogoutRedirectUris.map((u) => u.trim()).filter(Boolean),
});

/**
 * Both URI lists of an app in one form: edit, add or remove rows, then one Save sends both
 * (empty rows are dropped), so nothing typed is lost to a forgotten "Add". Leaving with
 * unsaved rows asks first.
 */
export function UriListEditor({ initial, onSave }: { initial: UriLists; onSave: (uris: UriLists) => Promise<void> }) {
  const [saved, setSaved] = useState(initial);
  const [values, setValues] = useState<UriLists>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState(false);
  const dirty = JSON.stringify(clean(values)) !== JSON.stringify(clean(saved));
  useUnsavedChanges(dirty);

  const update = (key: Key, rows: string[]) => {
    setValues({ ...values, [key]: rows });
    setErrors({});
    setNotice(false);
  };
  const save = useAction(async () => {
    const next = clean(values);
    await onSave(next);
    setSaved(next);
    setValues(next);
    setNotice(true);
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found = check(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    void save.run();
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Redirect URIs">
      <p className="muted small">Matched exactly: absolute, without a fragment or wildcard. Empty rows are ignored.</p>
      {lists.map(({ key, label, one, example }) => (
        <fieldset key={key} className="stack-sm">
          <legend>
            <h3>{label}</h3>
          </legend>
          {values[key].length === 0 && <p className="muted small">None yet.</p>}
          {values[key].map((uri, i) => (
            <div key={i} className="uri-row">
              <TextField
                label={`${one} ${i + 1}`}
                type="url"
                value={uri}
                placeholder={example}
                error={errors[`${key}.${i}`]}
                onChange={(v) =>
                  update(
                    key,
                    values[key].map((u, j) => (i === j ? v : u)),
                  )
                }
              />
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${one.toLowerCase()} ${i + 1}${uri ? ` (${uri})` : ''}`}
                onClick={() =>
                  update(
                    key,
                    values[key].filter((_, j) => j !== i),
                  )
                }
              >
                Remove
              </Button>
            </div>
          ))}
          <div>
            <Button size="sm" onClick={() => update(key, [...values[key], ''])}>
              Add {one.toLowerCase()}
            </Button>
          </div>
        </fieldset>
      ))}
      <ProblemAlert error={save.problem} />
      {notice && !dirty && <Notice>Saved. The new URIs apply to the next sign-in.</Notice>}
      <div className="row">
        <Button type="submit" variant="primary" disabled={!dirty} busy={save.busy}>
          Save redirect URIs
        </Button>
      </div>
    </form>
  );
}
