import type { ProblemDto } from '@gatehouse/client/dto';

/**
 * Console-only types. The Management API's wire types (ResourceDto, RoleDto, UserDto…) are the
 * SDK's: import them from `@gatehouse/client/dto`.
 */

export type TokenType = 'access-token' | 'client-credentials';
export type OnErrorPolicy = 'deny' | 'omit';

export interface JwtCustomizer {
  script: string;
  environmentVariables: Record<string, string>;
  contextSample?: unknown;
  tokenSample?: unknown;
  onError: OnErrorPolicy;
  /** Set when the script was stored by the Hasura preset. */
  preset?: { name: 'hasura'; resource: string; format: HasuraClaimsFormat };
}

export interface ScriptTestResult {
  claims?: Record<string, unknown>;
  warnings?: string[];
  error?: {
    message: string;
    line?: number;
    column?: number;
    kind: 'syntax' | 'runtime' | 'timeout' | 'memory' | 'output' | 'denied';
  };
}

export type HasuraClaimsFormat = 'json' | 'stringified_json' | { namespace: string } | { namespacePath: string };

export interface SigningKey {
  kid: string;
  alg: string;
  status: 'current' | 'next' | 'retiring';
  activatesAt: number;
  expiresAt: number | null;
}

export interface DoctorResult {
  verdict: 'accepted' | 'rejected';
  hasura: Record<string, unknown>;
  checks: Array<{ step: string; ok: boolean; detail: string }>;
  fix?: string;
}

/** A problem as the console builds it too (network errors, non-JSON answers): `type` may be missing. */
export type Problem = Omit<ProblemDto, 'type'> & { type?: string };
