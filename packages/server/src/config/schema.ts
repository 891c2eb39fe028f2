import { z } from 'zod';
import { SIGNING_ALGORITHMS } from '../domain/keys/algorithms.ts';
import { isMailbox, parseSmtpUrl } from './smtp-url.ts';

/**
 * Every setting Gatehouse reads, as one zod object over the environment. Each key has a
 * default that lets `npm start` work on a fresh clone, and a description that the README's
 * configuration table is written from (`gatehouse config docs`).
 */
const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be an integer')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const url = (what: string) =>
  z.string().refine((value) => {
    try {
      const parsed = new URL(value);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      return false;
    }
  }, `must be an absolute http(s) URL (${what})`);

const optionalSecret = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

export const EnvSchema = z.object({
  PORT: port.default(3001).describe('HTTP port to listen on.'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface to bind (use 127.0.0.1 to stay local).'),
  ENDPOINT: url('e.g. https://auth.example.com')
    .optional()
    .describe(
      "Public base URL. The OIDC issuer is `$ENDPOINT/oidc`; every URL the server publishes comes from it, never from the request's Host. With https: HSTS and Secure cookies, also behind a TLS-terminating proxy.",
    ),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/gatehouse.sqlite')
    .refine(
      (value) => /^sqlite:/.test(value) || /^postgres(ql)?:\/\//.test(value),
      'must be `sqlite:<path>` (or `sqlite::memory:`) or `postgres://user@host:port/db`',
    )
    .describe('`sqlite:<path>` (embedded, the default) or `postgres://...` (production; several processes may share it).'),
  BOOTSTRAP_ADMIN_CLIENT_ID: optionalSecret.describe(
    'With BOOTSTRAP_ADMIN_CLIENT_SECRET: a machine-to-machine app holding the built-in admin role is created (or its secret updated) at start.',
  ),
  BOOTSTRAP_ADMIN_CLIENT_SECRET: optionalSecret.describe('Secret of the bootstrap admin app (at least 16 characters).'),
  BOOTSTRAP_ADMIN_USERNAME: optionalSecret.describe(
    'With BOOTSTRAP_ADMIN_PASSWORD: a console admin user is created (or its password updated) at start.',
  ),
  BOOTSTRAP_ADMIN_PASSWORD: optionalSecret.describe('Password of the bootstrap admin user (at least 8 characters).'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level.'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json').describe('`json` (one object a line) or `pretty` (for a terminal).'),
  SIGNING_ALG: z
    .enum(SIGNING_ALGORITHMS)
    .default('RS256')
    .describe('Signing algorithm of new keys. RS256 is the cheapest for Hasura to verify on every request.'),
  JWKS_MAX_AGE: z.coerce
    .number()
    .int()
    .min(1, 'must be at least 1 second')
    .max(86400, 'must be at most 86400 seconds')
    .default(300)
    .describe('Cache-Control max-age (seconds) of /oidc/jwks. Hasura re-reads the JWKS only when this expires.'),
  KEY_ROTATION_LEAD_TIME: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Seconds a new signing key is published before it signs anything. Default: 2 x JWKS_MAX_AGE.'),
  ACCESS_TOKEN_TTL: z.coerce
    .number()
    .int()
    .min(60)
    .max(86400)
    .default(3600)
    .describe('Default access token lifetime (seconds) of new API resources.'),
  REFRESH_TOKEN_TTL: z.coerce
    .number()
    .int()
    .min(300)
    .default(14 * 86400)
    .describe('Refresh token lifetime (seconds).'),
  SESSION_TTL: z.coerce
    .number()
    .int()
    .min(300)
    .default(14 * 86400)
    .describe('Sign-in session lifetime (seconds).'),
  SIGN_IN_MAX_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .default(5)
    .describe(
      'Failed sign-ins for one account before it is locked (one address may fail 10x this many). Default of `sentinelPolicy.maxAttempts` in `/api/sign-in-exp`, which overrides it without a restart.',
    ),
  SIGN_IN_LOCKOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(900)
    .describe('How long a lockout lasts (seconds). Default of `sentinelPolicy.lockoutDuration` (minutes) in `/api/sign-in-exp`.'),
  HASURA_WEBHOOK_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('max-age the Hasura webhook tells Hasura to cache its answer (capped by the token expiry).'),
  SCRIPT_TIMEOUT_MS: z.coerce.number().int().min(10).max(30_000).default(1000).describe('Time limit of a custom JWT claims script run.'),
  SCRIPT_MEMORY_MB: z.coerce.number().int().min(4).max(1024).default(32).describe('Memory limit of a custom JWT claims script run.'),
  SCRIPT_ALLOW_FETCH: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Let custom JWT claims scripts call fetch (with a time-out and a size cap).'),
  HOOKS_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe(
      'Let webhooks call URLs that resolve to loopback, link-local or private addresses (refused by default, checked again at every delivery).',
    ),
  AUDIT_LOG_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(90)
    .describe('Days audit log entries (and delivered webhook events) are kept before background pruning.'),
  AUDIT_LOG_TOKEN_EXCHANGES: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true')
    .describe(
      'Write an audit log entry for every successful token request (ExchangeTokenBy.*: one database insert per refresh). false leaves these out; failed token requests, refresh token reuse and revocations are still recorded.',
    ),
  SMTP_URL: optionalSecret
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseSmtpUrl(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    })
    .describe(
      'Mail server for verification codes and invitations: `smtp://user:pass@host:587` (STARTTLS when offered; add `?requireTLS=true` to insist) or `smtps://user:pass@host:465` (implicit TLS). Percent-encode special characters in the password. Unset: no email is sent and settings that need it are refused.',
    ),
  EMAIL_FROM: optionalSecret
    .refine((value) => value === undefined || isMailbox(value), 'must be `addr@example.com` or `Name <addr@example.com>`')
    .describe('Sender of every email (required with SMTP_URL), e.g. `Example <no-reply@example.com>`.'),
  METRICS_TOKEN: optionalSecret.describe(
    'When set, /metrics answers only requests with `Authorization: Bearer <this token>` (401 otherwise).',
  ),
  METRICS_PORT: z
    .preprocess((value) => (value === '' ? undefined : value), port.optional())
    .describe('When set, /metrics is served only on this port (on HOST), and the main port answers 404 for it.'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe(
      'Behind a reverse proxy: take the client address from X-Forwarded-For. Host and scheme always come from ENDPOINT, never from X-Forwarded-Host/-Proto.',
    ),
});
