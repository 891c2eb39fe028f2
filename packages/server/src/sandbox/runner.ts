import { maxScriptChars, resolveLimits } from './limits.ts';
import { failure } from './outcome.ts';
import type { ScriptInput, ScriptLimitsInput, ScriptResult, ScriptRunner, ScriptRunnerOptions } from './types.ts';
import { WorkerPool } from './worker-pool.ts';

/**
 * Creates the custom-claims script runner: QuickJS (WebAssembly) inside a small pool of
 * worker threads. The main thread only serialises the input and posts it (README has the
 * measurements behind this choice).
 *
 * @example
 * const runner = createScriptRunner({ timeoutMs: 500 });
 * const result = await runner.run(script, { token, context, environmentVariables });
 * if (result.ok) Object.assign(extra, mergeCustomClaims(payload, result.claims).claims);
 * await runner.close();
 */
export function createScriptRunner(defaults?: ScriptLimitsInput, options: ScriptRunnerOptions = {}): ScriptRunner {
  const baseLimits = resolveLimits(defaults);
  const size = Math.max(1, options.poolSize ?? 2);
  const maxInFlightPerWorker = options.maxInFlightPerWorker ?? 8;
  const pool = new WorkerPool({
    size,
    cacheSize: options.cacheSize ?? 32,
    maxInFlightPerWorker,
    // As many runs may wait as the workers hold: beyond that a run would wait several time
    // limits for its turn, so it fails fast (kind `busy`) and the caller's onError decides.
    maxQueued: options.maxQueued ?? size * maxInFlightPerWorker,
  });
  let closed = false;

  async function run(script: string, input: ScriptInput, limits?: ScriptLimitsInput): Promise<ScriptResult> {
    if (closed) return failure('runtime', 'The script runner is closed');
    if (typeof script !== 'string') return failure('syntax', 'The script must be a string');
    if (script.length > maxScriptChars) return failure('syntax', `The script is longer than ${maxScriptChars} characters`);
    const resolved = limits ? resolveLimits(defaults, limits) : baseLimits;
    let inputJson: string;
    try {
      inputJson = JSON.stringify({
        m: resolved.maxOutputBytes,
        t: input.token ?? {},
        c: input.context ?? {},
        e: input.environmentVariables ?? {},
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return failure('runtime', `The script input is not JSON-serialisable: ${reason}`);
    }
    return pool.run(script, inputJson, resolved);
  }

  async function close(): Promise<void> {
    closed = true;
    await pool.close();
  }

  return { run, close };
}
