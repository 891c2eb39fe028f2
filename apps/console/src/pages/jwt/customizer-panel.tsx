import { useEffect, useId, useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { ApiError } from '../../api/http.ts';
import type { JwtCustomizerDto, JwtCustomizerTokenType, ScriptErrorPolicy, ScriptTestResultDto } from '@gatehouse/client/dto';
import { useQuery } from '../../api/use-query.ts';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { RadioGroup, TextAreaField } from '../../ui/field.tsx';
import { Notice, ProblemAlert, QueryView } from '../../ui/states.tsx';
import { issuedTokenSample, loadUserContext, tokenFor } from './build-context.ts';
import { TestTokenForm } from '../hasura/test-token-form.tsx';
import { ContextPicker } from './context-picker.tsx';
import { EnvTable, envErrors, toRecord, toRows, type EnvRow } from './env-table.tsx';
import { HasuraPresetForm, type HasuraPresetInput } from './hasura-preset-form.tsx';
import { DEFAULT_SCRIPT, pretty, sampleContext, sampleToken } from './samples.ts';
import { ScriptEditor } from './script-editor.tsx';
import { TestResult } from './test-result.tsx';
import { useUnsavedChanges } from '../../ui/unsaved-changes.ts';

interface Draft {
  script: string;
  env: EnvRow[];
  token: string;
  context: string;
  onError: ScriptErrorPolicy;
}

function draftOf(tokenType: JwtCustomizerTokenType, config: JwtCustomizerDto | null): Draft {
  return {
    script: config?.script ?? DEFAULT_SCRIPT,
    env: toRows(config?.environmentVariables ?? {}),
    token: pretty(config?.tokenSample ?? sampleToken(tokenType, window.location.origin)),
    context: pretty(config?.contextSample ?? sampleContext(tokenType)),
    onError: config?.onError ?? 'deny',
  };
}

/** Samples are JSON objects (the server's rule); anything else is an error on the field. */
const parseJson = (text: string): { value?: unknown; error?: string } => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? { value } : { error: 'must be a JSON object' };
  } catch (e) {
    return { error: `must be valid JSON (${e instanceof Error ? e.message : 'parse error'})` };
  }
};

/** One token type's script: edit, try against samples or real data, save, or start from the Hasura preset. */
export function CustomizerPanel({ tokenType }: { tokenType: JwtCustomizerTokenType }) {
  const api = useApi();
  const path = `/configs/jwt-customizer/${tokenType}`;
  const editorHint = useId();
  const query = useQuery(
    async (a) => {
      try {
        return await a.get<JwtCustomizerDto>(path);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null; // none configured yet
        throw e;
      }
    },
    [path],
  );
  const [draft, setDraft] = useState<Draft>();
  // The draft as loaded or last saved: leaving with a different one asks first.
  const [savedDraft, setSavedDraft] = useState<Draft>();
  useUnsavedChanges(draft !== undefined && JSON.stringify(draft) !== JSON.stringify(savedDraft));
  const [saved, setSaved] = useState<boolean>(false);
  const [jsonErrors, setJsonErrors] = useState<{ token?: string; context?: string }>({});
  const [result, setResult] = useState<ScriptTestResultDto>();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState<'test' | 'save'>();
  // Shown beside the control that caused it: the script's header (preset, removal) or Save.
  const [notice, setNotice] = useState<{ text: string; at: 'script' | 'save' }>();
  const [dialog, setDialog] = useState<'preset' | 'delete'>();
  const [preset, setPreset] = useState<JwtCustomizerDto['preset']>();

  useEffect(() => {
    if (query.data !== undefined && draft === undefined) {
      const loaded = draftOf(tokenType, query.data);
      setDraft(loaded);
      setSavedDraft(loaded);
      setPreset(query.data?.preset);
    }
  }, [query.data, draft, tokenType]);

  const configured = saved || Boolean(query.data);

  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setNotice(undefined);
  };

  const samples = () => {
    const token = parseJson(draft!.token);
    const context = parseJson(draft!.context);
    setJsonErrors({ token: token.error, context: context.error });
    const envProblems = Object.values(envErrors(draft!.env));
    if (token.error || context.error || envProblems.length > 0) return undefined;
    return { token: token.value, context: context.value };
  };

  const run = async (kind: 'test' | 'save', action: () => Promise<void>) => {
    setBusy(kind);
    setProblem(undefined);
    try {
      await action();
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(undefined);
    }
  };

  const test = () => {
    const s = samples();
    if (!s) return;
    setResult(undefined);
    return run('test', async () => {
      const body = { tokenType, script: draft!.script, environmentVariables: toRecord(draft!.env), token: s.token, context: s.context };
      setResult(await api.send<ScriptTestResultDto>('POST', '/configs/jwt-customizer/test', body));
    });
  };

  const save = () => {
    const s = samples();
    if (!s) return;
    return run('save', async () => {
      const body = {
        script: draft!.script,
        environmentVariables: toRecord(draft!.env),
        tokenSample: s.token,
        contextSample: s.context,
        onError: draft!.onError,
      };
      // PATCH an existing config: the server keeps its Hasura preset marker (which sets the
      // JWT secret's claim location) as long as the script itself is unchanged.
      const sent = draft!;
      const stored = await api.send<JwtCustomizerDto>(configured ? 'PATCH' : 'PUT', path, body);
      setPreset(stored?.preset);
      setSaved(true);
      setSavedDraft(sent);
      setNotice({ text: "Saved. New tokens of this type carry the script's claims.", at: 'save' });
    });
  };

  const applyPreset = async (input: HasuraPresetInput) => {
    const config = await api.send<JwtCustomizerDto>('PUT', `${path}/presets/hasura`, input);
    const next = draftOf(tokenType, config);
    // Point the sample token at Hasura's API so a test run exercises the preset.
    const token = parseJson(next.token).value as Record<string, unknown> | undefined;
    if (token && typeof token === 'object') next.token = pretty({ ...token, aud: input.resource });
    setDraft(next);
    setSavedDraft(next);
    setPreset(config.preset ?? { name: 'hasura', resource: input.resource, format: input.format ?? 'json' });
    setSaved(true);
    setResult(undefined);
    setDialog(undefined);
    setNotice({ text: 'The Hasura preset is enabled and saved. Test it against a real user below.', at: 'script' });
  };

  return (
    <QueryView query={query}>
      {() =>
        !draft ? null : (
          <div className="stack">
            <section className="card" aria-labelledby={`${tokenType}-script`}>
              <div className="card-header">
                <h2 id={`${tokenType}-script`}>
                  Script {configured ? <Badge tone="success">Active</Badge> : <Badge>Not configured</Badge>}{' '}
                  {configured && preset && <Badge tone="accent">Hasura preset for {preset.resource}</Badge>}
                </h2>
                <div className="row">
                  <Button onClick={() => setDialog('preset')}>Load Hasura preset</Button>
                  <Button onClick={() => edit({ script: DEFAULT_SCRIPT })}>Reset to template</Button>
                </div>
              </div>
              {notice?.at === 'script' && <Notice>{notice.text}</Notice>}
              <p id={editorHint} className="muted small">
                getCustomJwtClaims receives token, context, environmentVariables and api, and returns the extra claims.
              </p>
              <ScriptEditor
                label={`${tokenType} claims script`}
                labelledBy={editorHint}
                value={draft.script}
                onChange={(script) => edit({ script })}
                errorLineNumber={result && 'error' in result ? result.error.line : undefined}
              />
            </section>
            <section className="card" aria-labelledby={`${tokenType}-env`}>
              <h2 id={`${tokenType}-env`}>Environment variables</h2>
              <EnvTable rows={draft.env} onChange={(env) => edit({ env })} />
            </section>
            <section className="card" aria-labelledby={`${tokenType}-try`}>
              <h2 id={`${tokenType}-try`}>Try it</h2>
              <ContextPicker
                tokenType={tokenType}
                onPick={(picked) => {
                  const previous = (parseJson(draft.token).value ?? {}) as Record<string, unknown>;
                  edit({
                    context: pretty(picked.context),
                    token: pretty(tokenFor(previous, picked.holderId, picked.resource, picked.roles, tokenType === 'client-credentials')),
                  });
                  setJsonErrors({});
                }}
              />
              {tokenType === 'access-token' && (
                <details className="stack-sm">
                  <summary>Or test on a real token: get a test token for a user</summary>
                  <TestTokenForm
                    onToken={async (issued) => {
                      const { context } = await loadUserContext(api, String(issued.claims.sub));
                      edit({ token: pretty(issuedTokenSample(issued.claims)), context: pretty(context) });
                      setJsonErrors({});
                    }}
                  />
                </details>
              )}
              <div className="grid-2">
                <TextAreaField
                  label="Sample token (payload before the extra claims)"
                  rows={14}
                  value={draft.token}
                  onChange={(token) => edit({ token })}
                  error={jsonErrors.token}
                />
                <TextAreaField
                  label="Sample context"
                  rows={14}
                  value={draft.context}
                  onChange={(context) => edit({ context })}
                  error={jsonErrors.context}
                />
              </div>
              <div>
                <Button variant="primary" onClick={() => void test()} busy={busy === 'test'}>
                  Test
                </Button>
              </div>
              {result && <TestResult result={result} />}
            </section>
            <section className="card" aria-labelledby={`${tokenType}-save`}>
              <h2 id={`${tokenType}-save`}>When the script fails</h2>
              <RadioGroup
                legend="On error"
                name={`${tokenType}-on-error`}
                value={draft.onError}
                onChange={(onError) => edit({ onError })}
                options={[
                  { value: 'deny', label: 'Refuse the token (deny)' },
                  { value: 'omit', label: 'Issue it without the extra claims (omit)' },
                ]}
                hint="A script that throws, times out or returns a non-object never takes the server down; failures are logged."
              />
              <ProblemAlert error={problem} />
              {notice?.at === 'save' && <Notice>{notice.text}</Notice>}
              <div className="row">
                <Button variant="primary" onClick={() => void save()} busy={busy === 'save'}>
                  Save
                </Button>
                {configured && (
                  <Button variant="danger" onClick={() => setDialog('delete')}>
                    Remove script
                  </Button>
                )}
              </div>
            </section>
            <Dialog
              open={dialog === 'preset'}
              title="Hasura preset"
              description="Replaces this token type's script with a readable Hasura script (you can edit it afterwards) and saves it."
              onClose={() => setDialog(undefined)}
            >
              <HasuraPresetForm onSubmit={applyPreset} onCancel={() => setDialog(undefined)} />
            </Dialog>
            <ConfirmDialog
              open={dialog === 'delete'}
              title="Remove this script?"
              confirmLabel="Remove script"
              onClose={() => setDialog(undefined)}
              onConfirm={async () => {
                await api.send('DELETE', path);
                setSaved(false);
                setPreset(undefined);
                const empty = draftOf(tokenType, null);
                setDraft(empty);
                setSavedDraft(empty);
                query.reload();
                setNotice({ text: 'The script was removed; new tokens carry no extra claims.', at: 'script' });
              }}
            >
              <p>New tokens of this type will no longer carry custom claims.</p>
            </ConfirmDialog>
          </div>
        )
      }
    </QueryView>
  );
}
