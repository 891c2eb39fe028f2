/**
 * What the emulation observed while deciding, for `hasura doctor`: the checks that passed, in
 * order, and the facts a fix needs (the token's iss/aud/kid, the roles it carries).
 * The token itself is never kept here (the decoded claims are).
 */
import type { ClaimsSet } from './claims-set.ts';
import type { HasuraStep } from './errors.ts';

export interface TraceEntry {
  step: HasuraStep;
  ok: boolean;
  detail: string;
}

export interface JwtFacts {
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
  claims?: ClaimsSet;
  /** How many configured keys fit the token's `alg`, and whether one has its `kid`. */
  keysFittingAlg?: number;
  kidInKeys?: boolean;
  keyKinds?: string[];
  allowedRoles?: string[];
  defaultRole?: string;
  requestedRole?: string;
  /** The first session variable that is not a string (§3.11). */
  nonStringVariable?: { name: string; type: string };
  unauthorizedRoleUsed?: boolean;
  /** The `iss` of a token the issuer pre-check dropped (§3.4). */
  rejectedIssuer?: string;
}

export interface Tracer {
  entries: TraceEntry[];
  facts: JwtFacts;
  pass(step: HasuraStep, detail: string): void;
}

export function createTracer(): Tracer {
  const entries: TraceEntry[] = [];
  return {
    entries,
    facts: {},
    pass(step, detail) {
      entries.push({ step, ok: true, detail });
    },
  };
}

export function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}
