import type { ReactNode } from 'react';
import { useQuery } from '../../api/use-query.ts';
import { Link } from '../../router/router.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryView } from '../../ui/states.tsx';
import { jwtSecretCopied } from '../hasura/jwt-secret-flag.ts';
import { signInTried } from '../try-it/try-it-flag.ts';
import { loadGuideState, type GuideState } from './guide-state.ts';

interface Step {
  title: string;
  done: boolean;
  detail: ReactNode;
  action: { to: string; label: string };
}

function stepsOf(s: GuideState): Step[] {
  const first = s.resources[0];
  return [
    {
      title: 'Create an API resource for Hasura',
      done: s.resources.length > 0,
      detail: first
        ? `${s.resources.map((r) => r.name).join(', ')}.`
        : 'Name it and give it an indicator such as https://hasura.example.com/api.',
      action: { to: '/resources', label: 'API resources' },
    },
    {
      title: 'Define its permissions',
      done: s.scopeCount > 0,
      detail:
        s.scopeCount > 0
          ? `${s.scopeCount} permission${s.scopeCount === 1 ? '' : 's'} defined.`
          : 'One per Hasura role, e.g. read:user and maintain:user.',
      action: first
        ? { to: `/resources/${encodeURIComponent(first.id)}`, label: 'Permissions' }
        : { to: '/resources', label: 'API resources' },
    },
    {
      title: 'Create roles that map to them',
      done: s.mappedRoles.length > 0,
      detail:
        s.mappedRoles.length > 0 ? `${s.mappedRoles.map((r) => r.name).join(', ')}.` : 'One role per permission: user:reader → read:user.',
      action: { to: '/roles', label: 'Roles' },
    },
    {
      title: 'Assign roles to users',
      done: s.rolesHeld > 0,
      detail: s.rolesHeld > 0 ? `${s.rolesHeld} of those roles are held.` : 'Create a user and give them roles.',
      action: { to: '/users', label: 'Users' },
    },
    {
      title: 'Add Hasura claims to access tokens',
      done: s.claimsConfigured === true,
      detail:
        s.claimsConfigured === undefined
          ? 'Could not read the custom JWT configuration.'
          : 'Enable the Hasura preset (or write a script) so tokens carry https://hasura.io/jwt/claims.',
      action: { to: '/jwt', label: 'Custom JWT' },
    },
    {
      title: 'Point Hasura at Gatehouse',
      done: jwtSecretCopied(),
      detail: 'Copy HASURA_GRAPHQL_JWT_SECRET (or set up the webhook) into Hasura.',
      action: { to: '/hasura', label: 'Hasura' },
    },
    {
      title: 'Create an application and try a sign-in',
      done: s.signInApp !== undefined && signInTried(),
      detail: s.signInApp
        ? 'Open the application and use Try it: the hosted sign-in runs and the decoded tokens appear.'
        : 'Create the SPA (or native app) your users sign in to, then use Try it on its page.',
      action: s.signInApp
        ? { to: `/applications/${encodeURIComponent(s.signInApp.id)}`, label: 'Application' }
        : { to: '/applications', label: 'Applications' },
    },
  ];
}

/** Logto's Hasura guide as a checklist that ticks itself from the server's real state. */
export function GetStartedPage() {
  const query = useQuery(loadGuideState, []);
  return (
    <>
      <PageHeader title="Get started" description="Connect Hasura in seven steps. Each step ticks itself when Gatehouse sees it done." />
      <QueryView query={query} loadingLabel="Checking your set-up…">
        {(state) => {
          const steps = stepsOf(state);
          const done = steps.filter((s) => s.done).length;
          const next = steps.findIndex((s) => !s.done);
          return (
            <div className="card">
              <div className="stack-sm">
                <label htmlFor="guide-progress">
                  {done} of {steps.length} steps done
                </label>
                <progress id="guide-progress" className="progress-bar" value={done} max={steps.length} />
              </div>
              <ol className="checklist">
                {steps.map((step, i) => (
                  <li key={step.title} className="check-item" data-done={step.done}>
                    <span className="check-mark" aria-hidden="true">
                      {step.done ? '✓' : i + 1}
                    </span>
                    <div>
                      <h2 className="check-title">
                        {step.title} <span className="visually-hidden">{step.done ? '(done)' : '(to do)'}</span>
                      </h2>
                      <p className="muted small">{step.detail}</p>
                    </div>
                    <Link to={step.action.to} className={i === next ? 'btn btn-primary btn-sm' : 'btn btn-sm'}>
                      {step.done ? 'Review' : 'Open'} <span className="visually-hidden">{step.action.label}</span>
                    </Link>
                  </li>
                ))}
              </ol>
            </div>
          );
        }}
      </QueryView>
    </>
  );
}
