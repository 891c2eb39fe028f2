import type { ApplicationDto, ResourceDto } from '@gatehouse/client/dto';
import { describe, expect, it } from 'vitest';
import { snippetFor } from './sdk-snippet.tsx';

const app = (type: ApplicationDto['type']): ApplicationDto => ({
  id: 'app123',
  name: 'My app',
  description: null,
  type,
  oidcClientMetadata: { redirectUris: [], postLogoutRedirectUris: [] },
  customData: {},
  createdAt: 0,
});
const hasura: ResourceDto = { id: 'r1', name: 'Hasura', indicator: 'https://hasura.example.com/api', accessTokenTtl: 3600 };

describe('SDK snippet', () => {
  it("is Logto's config shape for @gatehouse/react: endpoint, appId, resources, scopes", () => {
    const code = snippetFor(app('SPA'), 'http://localhost:3001', [hasura], ['read:user', 'maintain:user']);
    expect(code).toContain("import { GatehouseProvider, type GatehouseConfig } from '@gatehouse/react';");
    expect(code).toContain("endpoint: 'http://localhost:3001',");
    expect(code).toContain("appId: 'app123',");
    expect(code).toContain("resources: ['https://hasura.example.com/api'],");
    expect(code).toContain("scopes: ['read:user', 'maintain:user'],");
    expect(code).not.toContain('appSecret');
  });

  it('reads the secret from the environment for a traditional web app, never inlines it', () => {
    expect(snippetFor(app('Traditional'), 'http://x', [hasura], [])).toContain('appSecret: process.env.GATEHOUSE_APP_SECRET');
  });

  it('shows a client-credentials request for a machine app', () => {
    const code = snippetFor(app('MachineToMachine'), 'http://localhost:3001', [hasura], ['read:user']);
    expect(code).toContain('grant_type=client_credentials');
    expect(code).toContain("resource='https://hasura.example.com/api'");
    expect(code).toContain('http://localhost:3001/oidc/token');
  });
});
