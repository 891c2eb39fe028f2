import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.ts';

describe('loadConfig', () => {
  it('works with no variables at all (the npm start defaults)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3001,
      endpoint: 'http://localhost:3001',
      issuer: 'http://localhost:3001/oidc',
      managementApiIndicator: 'http://localhost:3001/api',
      database: { dialect: 'sqlite', path: './data/gatehouse.sqlite' },
      signingAlg: 'RS256',
      jwksMaxAge: 300,
      keyRotationLeadTime: 600,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('derives the endpoint from PORT and strips a trailing slash from ENDPOINT', () => {
    expect(loadConfig({ PORT: '4000' }).endpoint).toBe('http://localhost:4000');
    expect(loadConfig({ ENDPOINT: 'https://auth.example.com/' }).issuer).toBe('https://auth.example.com/oidc');
  });

  it('reads PostgreSQL URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/gh' }).database).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@db:5432/gh',
    });
  });

  it('names every bad variable and what it allows, all at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ENDPOINT: 'ftp://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT: must be a number \(got "eighty"\)/);
    expect(message).toMatch(/DATABASE_URL: must be `sqlite:<path>`/);
    expect(message).toMatch(/LOG_LEVEL: .*"fatal".*"silent"/);
    expect(message).toMatch(/ENDPOINT: must be an absolute http\(s\) URL/);
  });

  it('requires bootstrap variables in pairs and a strong secret', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_CLIENT_ID: 'ci' })).toThrow(
      /BOOTSTRAP_ADMIN_CLIENT_SECRET: must be set together with BOOTSTRAP_ADMIN_CLIENT_ID/,
    );
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_CLIENT_ID: 'ci', BOOTSTRAP_ADMIN_CLIENT_SECRET: 'short' })).toThrow(/at least 16/);
    expect(loadConfig({ BOOTSTRAP_ADMIN_USERNAME: 'admin', BOOTSTRAP_ADMIN_PASSWORD: 'long enough' }).bootstrap.user).toEqual({
      username: 'admin',
      password: 'long enough',
    });
  });

  it('refuses a key rotation lead time that verifiers could not follow', () => {
    expect(() => loadConfig({ JWKS_MAX_AGE: '300', KEY_ROTATION_LEAD_TIME: '60' })).toThrow(
      /KEY_ROTATION_LEAD_TIME: must be greater than JWKS_MAX_AGE/,
    );
  });
});
