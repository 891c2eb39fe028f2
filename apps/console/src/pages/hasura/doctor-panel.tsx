import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { HasuraDoctorResultDto } from '@gatehouse/client/dto';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { CodeBlock } from '../../ui/code-block.tsx';
import { TextAreaField, TextField } from '../../ui/field.tsx';
import { ProblemAlert } from '../../ui/states.tsx';
import { useForm } from '../../ui/use-form.ts';
import type { Rule } from '../../validation/rules.ts';
import { TestTokenForm } from './test-token-form.tsx';

const jsonObject: Rule = (v) => {
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? undefined : 'must be a JSON object';
  } catch {
    return 'must be the JSON value of HASURA_GRAPHQL_JWT_SECRET';
  }
};
const jwt: Rule = (v) => (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(v.trim()) ? undefined : 'must be a JWT (three dot-separated base64url parts)');

/** "What will Hasura decide, and why": the server replays Hasura's JWT checks on a pasted token. */
export function DoctorPanel({ indicator }: { indicator?: string }) {
  const api = useApi();
  const [result, setResult] = useState<HasuraDoctorResultDto>();
  const [filling, setFilling] = useState<unknown>();
  const form = useForm(
    { jwtSecret: '', token: '', role: '', unauthorizedRole: '' },
    { jwtSecret: [jsonObject], token: [jwt] },
    async (v) => {
      setResult(undefined);
      setResult(
        await api.send<HasuraDoctorResultDto>('POST', '/hasura/doctor', {
          jwtSecret: v.jwtSecret.trim(),
          token: v.token.trim(),
          ...(v.role.trim() ? { role: v.role.trim() } : {}),
          ...(v.unauthorizedRole.trim() ? { unauthorizedRole: v.unauthorizedRole.trim() } : {}),
        }),
      );
    },
    { guard: false },
  );
  return (
    <section className="card" aria-labelledby="doctor">
      <h2 id="doctor">Doctor</h2>
      <p className="muted">Paste Hasura's JWT secret and a token: see whether Hasura accepts it with that role, and what to fix if not.</p>
      <form ref={form.formRef} className="stack" onSubmit={(event) => void form.onSubmit(event)} noValidate aria-label="Hasura doctor">
        <TextAreaField label="HASURA_GRAPHQL_JWT_SECRET" rows={4} required {...form.field('jwtSecret')} />
        {indicator && (
          <div className="row">
            <Button
              size="sm"
              onClick={() => {
                setFilling(undefined);
                api.get('/hasura/jwt-secret', { resource: indicator }).then(
                  (secret) => form.set('jwtSecret', JSON.stringify(secret)),
                  (e: unknown) => setFilling(e),
                );
              }}
            >
              Use this server's JWT secret
            </Button>
            <ProblemAlert error={filling} />
          </div>
        )}
        <TextAreaField label="Access token" rows={4} required {...form.field('token')} />
        {indicator && (
          <details className="stack-sm">
            <summary>No token at hand? Get a test token for a user</summary>
            <TestTokenForm resource={indicator} onToken={(t) => form.set('token', t.accessToken)} />
          </details>
        )}
        <div className="grid-2">
          <TextField label="x-hasura-role (optional)" placeholder="e.g. user:reader" {...form.field('role')} />
          <TextField label="Unauthorized role (optional)" placeholder="e.g. anonymous" {...form.field('unauthorizedRole')} />
        </div>
        <ProblemAlert error={form.problem} />
        <div>
          <Button type="submit" variant="primary" busy={form.busy}>
            Diagnose
          </Button>
        </div>
      </form>
      {result && <DoctorResult result={result} />}
    </section>
  );
}

/** The verdict and what failed first; the steps that passed are folded away. */
function DoctorResult({ result }: { result: HasuraDoctorResultDto }) {
  const failed = result.checks.filter((c) => !c.ok);
  const passed = result.checks.filter((c) => c.ok);
  return (
    <div className="stack-sm" role="status">
      <p>
        Verdict:{' '}
        <Badge tone={result.verdict === 'accepted' ? 'success' : 'danger'}>
          {result.verdict === 'accepted' ? 'Hasura accepts this token' : 'Hasura rejects this token'}
        </Badge>
      </p>
      {failed.length > 0 && (
        <ul className="plain-list" aria-label="Failing steps">
          {failed.map((c, i) => (
            <li key={i}>
              <span aria-hidden="true">✗</span> <strong>{c.step}</strong>
              <span className="visually-hidden"> failed</span>: {c.detail}
            </li>
          ))}
        </ul>
      )}
      {result.fix && (
        <div className="alert alert-warning">
          <strong>Fix:</strong> {result.fix}
        </div>
      )}
      {passed.length > 0 && (
        <details>
          <summary>
            {passed.length} passing step{passed.length === 1 ? '' : 's'}
          </summary>
          <ul className="plain-list">
            {passed.map((c, i) => (
              <li key={i}>
                <span aria-hidden="true">✓</span> <strong>{c.step}</strong>
                <span className="visually-hidden"> passed</span>: {c.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
      <CodeBlock label="Hasura session">{JSON.stringify(result.hasura, null, 2)}</CodeBlock>
    </div>
  );
}
