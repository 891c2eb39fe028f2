import type { SigningAlgorithm } from '../domain/keys/algorithms.ts';
import { EnvSchema } from './schema.ts';
import { parseSmtpUrl, redactSmtpUrl, type SmtpSettings } from './smtp-url.ts';

export type DatabaseConfig = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  endpoint: string;
  issuer: string;
  /** Indicator of the built-in Management API resource. */
  managementApiIndicator: string;
  database: DatabaseConfig;
  bootstrap: {
    client?: { id: string; secret: string };
    user?: { username: string; password: string };
  };
  log: { level: string; format: 'json' | 'pretty' };
  signingAlg: SigningAlgorithm;
  jwksMaxAge: number;
  keyRotationLeadTime: number;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  sessionTtl: number;
  signIn: { maxFailures: number; lockoutSeconds: number };
  hasuraWebhookCacheSeconds: number;
  script: { timeoutMs: number; memoryBytes: number; allowFetch: boolean };
  trustProxy: boolean;
  hooks: { allowPrivateUrls: boolean };
  auditLogRetentionDays: number;
  /** AUDIT_LOG_TOKEN_EXCHANGES: successful token requests get an audit entry. */
  auditTokenExchanges: boolean;
  /** Bearer token /metrics requires, if any. */
  metricsToken?: string;
  /** SMTP_URL + EMAIL_FROM; absent when email delivery is not configured. */
  email?: { smtp: SmtpSettings; from: string };
  /** Separate port serving /metrics only, if any. */
  metricsPort?: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function parseDatabaseUrl(value: string): DatabaseConfig {
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\//, '');
    return { dialect: 'sqlite', path: path === '' ? ':memory:' : path };
  }
  return { dialect: 'postgres', url: value };
}

/**
 * Reads and validates the environment once. Every invalid key is reported together, so a
 * bad deployment fails at start with one message naming each variable and what it allows.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const shown = key === 'SMTP_URL' && env[key] !== undefined ? redactSmtpUrl(env[key]) : env[key];
      const received = shown === undefined ? '' : ` (got ${JSON.stringify(shown)})`;
      return `${key}: ${issue.message}${received}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const pairs: Array<[string, string | undefined, string, string | undefined]> = [
    ['BOOTSTRAP_ADMIN_CLIENT_ID', e.BOOTSTRAP_ADMIN_CLIENT_ID, 'BOOTSTRAP_ADMIN_CLIENT_SECRET', e.BOOTSTRAP_ADMIN_CLIENT_SECRET],
    ['BOOTSTRAP_ADMIN_USERNAME', e.BOOTSTRAP_ADMIN_USERNAME, 'BOOTSTRAP_ADMIN_PASSWORD', e.BOOTSTRAP_ADMIN_PASSWORD],
  ];
  for (const [aName, a, bName, b] of pairs) {
    if ((a === undefined) !== (b === undefined)) {
      problems.push(`${a === undefined ? aName : bName}: must be set together with ${a === undefined ? bName : aName}`);
    }
  }
  if (e.BOOTSTRAP_ADMIN_CLIENT_SECRET !== undefined && e.BOOTSTRAP_ADMIN_CLIENT_SECRET.length < 16) {
    problems.push('BOOTSTRAP_ADMIN_CLIENT_SECRET: must be at least 16 characters');
  }
  if (e.BOOTSTRAP_ADMIN_PASSWORD !== undefined && e.BOOTSTRAP_ADMIN_PASSWORD.length < 8) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD: must be at least 8 characters');
  }
  const leadTime = e.KEY_ROTATION_LEAD_TIME ?? 2 * e.JWKS_MAX_AGE;
  if (leadTime <= e.JWKS_MAX_AGE) {
    problems.push(
      `KEY_ROTATION_LEAD_TIME: must be greater than JWKS_MAX_AGE (${e.JWKS_MAX_AGE}) so every verifier has fetched a new key before it signs`,
    );
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    problems.push('METRICS_PORT: must differ from PORT (it is a separate listener for /metrics only)');
  }
  if ((e.SMTP_URL === undefined) !== (e.EMAIL_FROM === undefined)) {
    problems.push(
      e.SMTP_URL === undefined ? 'SMTP_URL: must be set together with EMAIL_FROM' : 'EMAIL_FROM: must be set together with SMTP_URL',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const endpoint = (e.ENDPOINT ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    endpoint,
    issuer: `${endpoint}/oidc`,
    managementApiIndicator: `${endpoint}/api`,
    database: parseDatabaseUrl(e.DATABASE_URL),
    bootstrap: {
      client: e.BOOTSTRAP_ADMIN_CLIENT_ID ? { id: e.BOOTSTRAP_ADMIN_CLIENT_ID, secret: e.BOOTSTRAP_ADMIN_CLIENT_SECRET! } : undefined,
      user: e.BOOTSTRAP_ADMIN_USERNAME ? { username: e.BOOTSTRAP_ADMIN_USERNAME, password: e.BOOTSTRAP_ADMIN_PASSWORD! } : undefined,
    },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    signingAlg: e.SIGNING_ALG,
    jwksMaxAge: e.JWKS_MAX_AGE,
    keyRotationLeadTime: leadTime,
    accessTokenTtl: e.ACCESS_TOKEN_TTL,
    refreshTokenTtl: e.REFRESH_TOKEN_TTL,
    sessionTtl: e.SESSION_TTL,
    signIn: { maxFailures: e.SIGN_IN_MAX_FAILURES, lockoutSeconds: e.SIGN_IN_LOCKOUT_SECONDS },
    hasuraWebhookCacheSeconds: e.HASURA_WEBHOOK_CACHE_SECONDS,
    script: { timeoutMs: e.SCRIPT_TIMEOUT_MS, memoryBytes: e.SCRIPT_MEMORY_MB * 1024 * 1024, allowFetch: e.SCRIPT_ALLOW_FETCH },
    trustProxy: e.TRUST_PROXY,
    hooks: { allowPrivateUrls: e.HOOKS_ALLOW_PRIVATE_URLS },
    auditLogRetentionDays: e.AUDIT_LOG_RETENTION_DAYS,
    auditTokenExchanges: e.AUDIT_LOG_TOKEN_EXCHANGES,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    email: e.SMTP_URL && e.EMAIL_FROM ? { smtp: parseSmtpUrl(e.SMTP_URL), from: e.EMAIL_FROM } : undefined,
  });
}
