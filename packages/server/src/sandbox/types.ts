/**
 * Public types of the custom-claims script runner. The contract is Logto's:
 * `getCustomJwtClaims({ token, context, environmentVariables, api })` returns extra claims.
 */

import type { ScriptFailureKind } from '@gatehouse/client/dto';

/** Why a run produced no claims. Stable strings: callers map them to error codes and logs; a wire value (the SDK's). */
export type { ScriptFailureKind };

export interface ScriptFetchLimits {
  /** `fetch` exists inside the sandbox only when true. */
  enabled: boolean;
  /** Per request; a request also never outlives the script's own deadline. */
  timeoutMs: number;
  /** Response bodies larger than this reject the `fetch` promise. */
  maxResponseBytes: number;
}

export interface ScriptLimits {
  /** Wall-clock budget of one run, compile, script code and `fetch` waits included. */
  timeoutMs: number;
  /**
   * Memory the script may use: the cap of its WebAssembly instance's memory is this plus
   * ~6 MiB of QuickJS itself. The prebuilt module's 16 MiB minimum means that below ~10 MiB
   * the effective limit is ~10 MiB.
   */
  memoryBytes: number;
  /** QuickJS stack limit; deep recursion past it fails with kind `memory`. */
  stackBytes: number;
  /** Limit on the UTF-8 size of the returned claims serialised as JSON. */
  maxOutputBytes: number;
  fetch: ScriptFetchLimits;
}

/** Limits as callers pass them: every field optional, `fetch` merged field by field. */
export type ScriptLimitsInput = Partial<Omit<ScriptLimits, 'fetch'>> & { fetch?: Partial<ScriptFetchLimits> };

export interface ScriptInput {
  token: Record<string, unknown>;
  context: Record<string, unknown>;
  environmentVariables: Record<string, string>;
}

export type ScriptResult =
  | { ok: true; claims: Record<string, unknown>; warnings: string[] }
  | { ok: false; kind: ScriptFailureKind; message: string; line?: number; column?: number };

export interface ScriptRunner {
  run(script: string, input: ScriptInput, limits?: ScriptLimitsInput): Promise<ScriptResult>;
  /** Stops the workers, which frees every cached QuickJS context. Later runs resolve to kind `runtime`. */
  close(): Promise<void>;
}

/** Tuning knobs that are not per-run limits. */
export interface ScriptRunnerOptions {
  /** Worker threads running QuickJS, started on first need (default 2). */
  poolSize?: number;
  /** Compiled scripts kept per worker, ~0.7 MB each (default 32). */
  cacheSize?: number;
  /** Runs sent to one worker before further runs wait on the host (default 8). */
  maxInFlightPerWorker?: number;
  /**
   * Runs that may wait on the host when every worker is full; more fail at once with kind `busy`
   * (default poolSize x maxInFlightPerWorker).
   */
  maxQueued?: number;
}
