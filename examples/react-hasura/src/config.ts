/** The Hasura API resource of Logto's guide, as `npx gatehouse db seed-demo` creates it. */
const HASURA_RESOURCE = 'https://hasura.example.com/api';

export interface ExampleConfig {
  /** Gatehouse's base URL (VITE_GATEHOUSE_ENDPOINT). */
  endpoint: string;
  /** The SPA application's id (VITE_GATEHOUSE_APP_ID); `seed-demo` prints it. */
  appId: string;
  /** Where "Call the API" sends the request: Hasura's /v1/graphql in real use (VITE_API_URL). */
  apiUrl: string;
  /** The API resource indicator (VITE_HASURA_RESOURCE). */
  resource: string;
  /** Resource scopes to ask for; the token gets those the user's roles grant. */
  scopes: string[];
}

const env = import.meta.env;

/**
 * Build-time values from VITE_* variables, overridden by `/config.json` when the server has
 * one: the same build then runs against any Gatehouse (the end-to-end test relies on this).
 */
export async function loadConfig(): Promise<ExampleConfig> {
  const config: ExampleConfig = {
    endpoint: env.VITE_GATEHOUSE_ENDPOINT ?? 'http://localhost:3001',
    appId: env.VITE_GATEHOUSE_APP_ID ?? '',
    apiUrl: env.VITE_API_URL ?? 'http://localhost:8080/v1/graphql',
    resource: env.VITE_HASURA_RESOURCE ?? HASURA_RESOURCE,
    // UserScope.Organizations: the ID token lists the user's organizations, and tokens can be
    // asked for one of them (the Hasura preset then sets x-hasura-org-id).
    scopes: ['read:user', 'maintain:user', 'urn:logto:scope:organizations'],
  };
  try {
    const res = await fetch(`${env.BASE_URL}config.json`, { headers: { accept: 'application/json' } });
    if (res.ok && res.headers.get('content-type')?.includes('json')) Object.assign(config, await res.json());
  } catch {
    // no runtime configuration: keep the build-time values
  }
  return config;
}
