import type { EmailTemplateDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { useQuery } from '../../api/use-query.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { Notice, ProblemAlert, QueryView } from '../../ui/states.tsx';
import { useUnsavedChanges } from '../../ui/unsaved-changes.ts';
import { useAction } from '../../ui/use-action.ts';

/** Logto's template usages the hosted pages send (server: domain/accounts/email-templates.ts). */
const TEMPLATE_TYPES = [
  'SignIn',
  'Register',
  'ForgotPassword',
  'OrganizationInvitation',
  'Generic',
  'UserPermissionValidation',
  'BindNewIdentifier',
  'MfaVerification',
  'BindMfa',
];

const blank = { languageTag: 'en', templateType: 'Register', subject: '', content: '', contentType: 'text/plain' };

/** GET/PUT /api/email-templates: one template per language and usage; `{{code}}` is the code. */
export function EmailTemplatesTab() {
  const api = useApi();
  const templates = useQuery((a) => a.get<EmailTemplateDto[]>('/email-templates'), []);
  const [form, setForm] = useState(blank);
  const [loaded, setLoaded] = useState(blank);
  const [done, setDone] = useState(false);
  useUnsavedChanges(JSON.stringify(form) !== JSON.stringify(loaded));
  const edit = (t: EmailTemplateDto) => {
    const next = {
      languageTag: t.languageTag,
      templateType: t.templateType,
      subject: t.details.subject,
      content: t.details.content,
      contentType: t.details.contentType ?? 'text/plain',
    };
    setForm(next);
    setLoaded(next);
    setDone(false);
  };
  const save = useAction(async () => {
    setDone(false);
    const { languageTag, templateType, subject, content, contentType } = form;
    await api.send('PUT', '/email-templates', { templates: [{ languageTag, templateType, details: { subject, content, contentType } }] });
    setLoaded(form);
    setDone(true);
    templates.reload();
  });
  const set = (patch: Partial<typeof blank>) => {
    setDone(false);
    setForm({ ...form, ...patch });
  };
  return (
    <div className="stack">
      <section className="card stack-sm" aria-labelledby="email-list">
        <h2 id="email-list">Templates</h2>
        <QueryView query={templates}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No templates yet: the built-in English texts are sent.</p>
            ) : (
              <ul className="plain-list">
                {list.map((t) => (
                  <li key={t.id} className="row">
                    <span>
                      <strong>{t.templateType}</strong> ({t.languageTag}): {t.details.subject}
                    </span>
                    <Button size="sm" onClick={() => edit(t)}>
                      Edit <span className="visually-hidden">{`${t.templateType} (${t.languageTag})`}</span>
                    </Button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
      </section>
      <section className="card stack-sm" aria-labelledby="email-edit">
        <h2 id="email-edit">Edit a template</h2>
        <div className="grid-2">
          <TextField
            label="Language"
            placeholder="e.g. en or fr-CA"
            value={form.languageTag}
            onChange={(languageTag) => set({ languageTag })}
          />
          <SelectField
            label="Used for"
            value={form.templateType}
            onChange={(templateType) => set({ templateType })}
            options={TEMPLATE_TYPES.map((t) => ({ value: t, label: t }))}
          />
        </div>
        <TextField label="Subject" placeholder="e.g. Your code is {{code}}" value={form.subject} onChange={(subject) => set({ subject })} />
        <TextAreaField
          label="Content"
          rows={8}
          value={form.content}
          onChange={(content) => set({ content })}
          hint="{{code}} is replaced by the code; {{link}} and {{organization.name}} where they apply."
        />
        <SelectField
          label="Format"
          value={form.contentType}
          onChange={(contentType) => set({ contentType })}
          options={[
            { value: 'text/plain', label: 'Plain text' },
            { value: 'text/html', label: 'HTML' },
          ]}
        />
        <ProblemAlert error={save.problem} />
        {done && <Notice>Template saved.</Notice>}
        <div>
          <Button variant="primary" onClick={() => void save.run()} busy={save.busy} disabled={!form.subject || !form.content}>
            Save template
          </Button>
        </div>
      </section>
    </div>
  );
}
