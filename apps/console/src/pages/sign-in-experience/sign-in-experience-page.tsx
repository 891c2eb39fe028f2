import type { SignInExperienceDto } from '@gatehouse/client/dto';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Notice, ProblemAlert, QueryView } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { useUnsavedChanges } from '../../ui/unsaved-changes.ts';
import { useAction } from '../../ui/use-action.ts';
import { EmailTemplatesTab } from './email-templates-tab.tsx';
import { editableOf, SettingsForm, type EditableSettings } from './settings-form.tsx';

/** The hosted sign-in experience: settings with a live preview of the page, and the emails it sends. */
export function SignInExperiencePage() {
  const query = useQuery((api) => api.get<SignInExperienceDto>('/sign-in-exp'), []);
  return (
    <>
      <PageHeader
        title="Sign-in experience"
        description="How the hosted sign-in pages look and behave for every application, and the emails they send."
      />
      <QueryView query={query}>
        {(settings) => (
          <Tabs
            label="Sign-in experience"
            keepMounted
            tabs={[
              { id: 'settings', label: 'Settings', content: () => <SettingsTab saved={settings} onSaved={query.reload} /> },
              { id: 'emails', label: 'Email templates', content: () => <EmailTemplatesTab /> },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}

function SettingsTab({ saved, onSaved }: { saved: SignInExperienceDto; onSaved: () => void }) {
  const api = useApi();
  const [draft, setDraft] = useState<EditableSettings>(() => editableOf(saved));
  const [done, setDone] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(editableOf(saved));
  useUnsavedChanges(dirty);
  const save = useAction(async () => {
    setDone(false);
    await api.send('PATCH', '/sign-in-exp', draft);
    onSaved();
    setDone(true);
  });
  return (
    <div className="sie-layout">
      <div className="stack">
        <SettingsForm
          value={draft}
          onChange={(next) => {
            setDone(false);
            setDraft(next);
          }}
        />
        <div className="card stack-sm sie-save">
          <ProblemAlert error={save.problem} />
          {done && <Notice>Saved: the hosted pages use these settings now.</Notice>}
          <div className="row">
            <Button variant="primary" onClick={() => void save.run()} busy={save.busy} disabled={!dirty}>
              Save changes
            </Button>
            <Button onClick={() => setDraft(editableOf(saved))} disabled={!dirty}>
              Discard changes
            </Button>
          </div>
        </div>
      </div>
      <LivePreview draft={draft} />
    </div>
  );
}

/** The hosted page itself, rendered by the server with the unsaved settings (routes/sign-in-exp.preview.ts). */
function LivePreview({ draft }: { draft: EditableSettings }) {
  const api = useApi();
  const [screen, setScreen] = useState('sign-in');
  const [url, setUrl] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const key = JSON.stringify(draft);
  useEffect(() => {
    let current = true;
    // Typing settles before the page is rendered again.
    const timer = setTimeout(() => {
      api.send<{ url: string }>('POST', '/sign-in-exp/preview', { settings: JSON.parse(key) as EditableSettings }).then(
        (r) => {
          if (!current) return;
          setProblem(undefined);
          setUrl(r.url);
        },
        (e: unknown) => current && setProblem(e),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, key]);
  return (
    <section className="card stack-sm sie-preview" aria-labelledby="sie-preview">
      <h2 id="sie-preview">Live preview</h2>
      <SelectField
        label="Screen"
        value={screen}
        onChange={setScreen}
        options={[
          { value: 'sign-in', label: 'Sign in' },
          { value: 'register', label: 'Create account' },
          { value: 'forgot-password', label: 'Forgot password' },
        ]}
      />
      <ProblemAlert error={problem} title="The preview cannot show these settings" />
      {url && <iframe className="sie-frame" title="Preview of the hosted sign-in page" src={`${url}&screen=${screen}`} />}
      <p className="muted small">Unsaved settings, shown as the hosted page renders them; forms in the preview do nothing.</p>
    </section>
  );
}
