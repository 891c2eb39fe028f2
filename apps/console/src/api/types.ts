/**
 * The Management API's wire types, as the console uses them (Logto's field names). Kept here
 * rather than imported from @gatehouse/client, which is still being written.
 */
export interface Resource {
  id: string;
  name: string;
  indicator: string;
  accessTokenTtl: number;
  isBuiltin?: boolean;
}

export interface Scope {
  id: string;
  resourceId: string;
  name: string;
  description: string | null;
}

export type RoleType = 'User' | 'MachineToMachine';

export interface Role {
  id: string;
  name: string;
  description: string | null;
  type: RoleType;
  isBuiltin?: boolean;
}

export interface User {
  id: string;
  username: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  name: string | null;
  avatar: string | null;
  customData: Record<string, unknown>;
  isSuspended: boolean;
  hasPassword?: boolean;
  lastSignInAt?: number | null;
  createdAt: number;
  updatedAt: number;
}

export type ApplicationType = 'SPA' | 'Traditional' | 'Native' | 'MachineToMachine';

export interface Application {
  id: string;
  name: string;
  description: string | null;
  type: ApplicationType;
  oidcClientMetadata: { redirectUris: string[]; postLogoutRedirectUris: string[] };
  customData: Record<string, unknown>;
  isBuiltin?: boolean;
  createdAt: number;
  secret?: string;
}

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

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}
