import type { ScriptLimits, ScriptLimitsInput } from './types.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Defaults, frozen so that no caller can change them for everyone (logto's `ossScriptLimits`).
 * The stack default is also the ceiling: QuickJS frames live on the host thread's native
 * stack as well (~3x their size), and if V8's stack overflowed first the WebAssembly
 * instance would be left in an unknown state (see README, "Limits").
 */
export const defaultScriptLimits: Readonly<ScriptLimits> = Object.freeze({
  timeoutMs: 1000,
  memoryBytes: 32 * MiB,
  stackBytes: 256 * KiB,
  maxOutputBytes: 16 * KiB,
  fetch: Object.freeze({ enabled: false, timeoutMs: 1000, maxResponseBytes: 256 * KiB }),
});

/** Accepted ranges; values outside are clamped, non-numbers fall back to the default. */
const ranges = {
  timeoutMs: [1, 30_000],
  memoryBytes: [1 * MiB, 512 * MiB],
  stackBytes: [32 * KiB, 256 * KiB],
  maxOutputBytes: [2, 1 * MiB],
  fetchTimeoutMs: [1, 30_000],
  maxResponseBytes: [1, 8 * MiB],
} as const;

function clamp(value: number | undefined, fallback: number, [min, max]: readonly [number, number]): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** Layers per-run limits over runner defaults over {@link defaultScriptLimits}. */
export function resolveLimits(...layers: Array<ScriptLimitsInput | undefined>): ScriptLimits {
  const merged: ScriptLimits = { ...defaultScriptLimits, fetch: { ...defaultScriptLimits.fetch } };
  for (const layer of layers) {
    if (!layer) continue;
    const { fetch, ...rest } = layer;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
    }
    if (fetch) merged.fetch = { ...merged.fetch, ...withoutUndefined(fetch) };
  }
  return {
    timeoutMs: clamp(merged.timeoutMs, defaultScriptLimits.timeoutMs, ranges.timeoutMs),
    memoryBytes: clamp(merged.memoryBytes, defaultScriptLimits.memoryBytes, ranges.memoryBytes),
    stackBytes: clamp(merged.stackBytes, defaultScriptLimits.stackBytes, ranges.stackBytes),
    maxOutputBytes: clamp(merged.maxOutputBytes, defaultScriptLimits.maxOutputBytes, ranges.maxOutputBytes),
    fetch: {
      enabled: merged.fetch.enabled === true,
      timeoutMs: clamp(merged.fetch.timeoutMs, defaultScriptLimits.fetch.timeoutMs, ranges.fetchTimeoutMs),
      maxResponseBytes: clamp(merged.fetch.maxResponseBytes, defaultScriptLimits.fetch.maxResponseBytes, ranges.maxResponseBytes),
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Scripts larger than this are refused before QuickJS sees them. */
export const maxScriptChars = 256 * KiB;
