import type { ApplicationDto, ResourceDto, ScopeDto } from '@gatehouse/client/dto';
import { useState } from 'react';
import { listAll } from '../../api/lists.ts';
import { useQuery } from '../../api/use-query.ts';
import { CodeBlock } from '../../ui/code-block.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';
import { Empty, QueryView } from '../../ui/states.tsx';

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const list = (items: string[]) => `[${items.map(q).join(', ')}]`;

/** The snippet an app needs, in the shape of Logto's config (endpoint, appId, resources, scopes). */
export function snippetFor(app: ApplicationDto, endpoint: string, resources: ResourceDto[], scopes: string[]): string {
  const indicators = resources.map((r) => r.indicator);
  if (app.type === 'MachineToMachine') {
    const resource = indicators[0] ?? `${endpoint}/api`;
    return [
      "# Client credentials: a token for the API, with the permissions of this app's roles",
      `curl -s -u '${app.id}:<app secret>' \\`,
      `  -d grant_type=client_credentials \\`,
      `  --data-urlencode resource=${q(resource)} \\`,
      `  --data-urlencode scope=${q(scopes.join(' '))} \\`,
      `  ${endpoint}/oidc/token`,
    ].join('\n');
  }
  const secret = app.type === 'Traditional' ? '\n  appSecret: process.env.GATEHOUSE_APP_SECRET, // server side only' : '';
  return [
    "import { GatehouseProvider, type GatehouseConfig } from '@gatehouse/react';",
    '',
    'const config: GatehouseConfig = {',
    `  endpoint: ${q(endpoint)},`,
    `  appId: ${q(app.id)},${secret}`,
    `  resources: ${list(indicators)},`,
    `  scopes: ${list(scopes)},`,
    '};',
    '',
    'export function Root() {',
    '  return <GatehouseProvider config={config}><App /></GatehouseProvider>;',
    '}',
    '',
    indicators[0]
      ? `// then: const token = await getAccessToken(${q(indicators[0])});`
      : '// then: const token = await getAccessToken(resource);',
  ].join('\n');
}

/** Pick the APIs the app calls; the snippet lists them and all their permissions. */
export function SdkSnippet({ app }: { app: ApplicationDto }) {
  const query = useQuery(async (api) => {
    const resources = (await listAll<ResourceDto>(api, '/resources')).filter((r) => !r.isBuiltin);
    const scopes = await Promise.all(resources.map((r) => listAll<ScopeDto>(api, `/resources/${encodeURIComponent(r.id)}/scopes`)));
    return resources.map((r, i) => ({ resource: r, scopes: scopes[i].map((s) => s.name) }));
  }, []);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const endpoint = window.location.origin;
  return (
    <QueryView query={query}>
      {(apis) => {
        const chosen = apis.filter((a) => !excluded.has(a.resource.id));
        const code = snippetFor(
          app,
          endpoint,
          chosen.map((a) => a.resource),
          [...new Set(chosen.flatMap((a) => a.scopes))],
        );
        return (
          <div className="card">
            <h2>{app.type === 'MachineToMachine' ? 'Get a token' : 'Configure @gatehouse/react'}</h2>
            {apis.length === 0 ? (
              <Empty title="No API resources yet">
                <p>Create an API resource first; it will appear in the snippet.</p>
              </Empty>
            ) : (
              <fieldset className="field">
                <legend>APIs this app calls</legend>
                <div className="choices">
                  {apis.map(({ resource }) => (
                    <label key={resource.id} className="choice">
                      <input
                        type="checkbox"
                        checked={!excluded.has(resource.id)}
                        onChange={() => {
                          const next = new Set(excluded);
                          if (next.has(resource.id)) next.delete(resource.id);
                          else next.add(resource.id);
                          setExcluded(next);
                        }}
                      />
                      {resource.name}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            <CodeBlock label="SDK configuration">{code}</CodeBlock>
            <CopyButton text={code} label="Copy snippet" />
          </div>
        );
      }}
    </QueryView>
  );
}
