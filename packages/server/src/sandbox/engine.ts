import { newQuickJSInstance } from './instance.ts';
import { failure } from './outcome.ts';
import type { ScriptLimits, ScriptResult } from './types.ts';
import { VmScript, type VmOutcome } from './vm-script.ts';

/**
 * The compiled scripts of one thread (a sandbox worker), in an LRU keyed by the script text
 * itself: a Map lookup on the string is cheaper than hashing it per call.
 *
 * Invariants:
 * 1. A VmScript is either idle in the cache or checked out by exactly one run.
 * 2. A host-level exception thrown through QuickJS (V8's own stack overflowing, a
 *    WebAssembly trap) leaves that VmScript's instance in an unknown state: it is dropped,
 *    not disposed and never reused. Other scripts have their own instances.
 * 3. A VmScript whose memory grew a lot is not cached: WebAssembly memory never shrinks, and
 *    dropping the instance is the only way to give it back.
 */

export interface EngineRequest {
  script: string;
  /** `{"m": maxOutputBytes, "t": token, "c": context, "e": environmentVariables}` */
  inputJson: string;
  limits: ScriptLimits;
  /** `performance.now()` when the clock started (the deadline counts from here). */
  startedAt: number;
}

interface CacheEntry {
  idle: VmScript[];
  /** Syntax errors are deterministic: remember them instead of re-parsing per token. */
  failure?: ScriptResult;
}

// A worker may run several `fetch` scripts at once, or one script with two memory limits.
const maxIdlePerScript = 2;
const maxCachedGrowthBytes = 8 * 1024 * 1024;

export class SandboxEngine {
  readonly #cacheSize: number;
  readonly #cache = new Map<string, CacheEntry>();
  #closed = false;

  constructor(cacheSize: number) {
    this.#cacheSize = Math.max(1, cacheSize);
  }

  async run(request: EngineRequest): Promise<VmOutcome> {
    const { script, inputJson, limits } = request;
    const entry = this.#touch(script);
    if (entry?.failure) return { result: entry.failure, reusable: false };
    let vm = entry ? takeMatching(entry, limits) : undefined;
    let deadline = request.startedAt + limits.timeoutMs;
    try {
      if (!vm) {
        const instance = await newQuickJSInstance(limits.memoryBytes);
        if (this.#closed) return { result: failure('runtime', 'The script runner is closed'), reusable: false };
        // Instantiating WebAssembly (and compiling it, on a worker's first run) is our cost,
        // not the script's: its clock starts when QuickJS is ready to parse it.
        deadline = performance.now() + limits.timeoutMs;
        const compiled = VmScript.compile(instance, script, limits, deadline);
        if (!compiled.ok) {
          const { result } = compiled.outcome;
          if (!result.ok && result.kind === 'syntax') this.#entry(script).failure = result;
          return compiled.outcome;
        }
        vm = compiled.vm;
      }
      // No await between checking out and checking in unless the script waits on fetch.
      const running = vm.run(inputJson, limits, deadline);
      const outcome = running instanceof Promise ? await running : running;
      if (outcome.reusable) this.#checkIn(script, vm);
      return outcome;
    } catch (error) {
      const stack = error instanceof RangeError && /call stack/i.test(error.message);
      const message = stack
        ? `Maximum call stack size exceeded (the host stack ran out before the ${limits.stackBytes / 1024} KiB script stack limit)`
        : 'The sandbox failed internally; the script was stopped';
      return { result: failure(stack ? 'memory' : 'runtime', message), reusable: false };
    }
  }

  close(): void {
    this.#closed = true;
    for (const entry of this.#cache.values()) for (const vm of entry.idle) vm.dispose();
    this.#cache.clear();
  }

  #touch(script: string): CacheEntry | undefined {
    const entry = this.#cache.get(script);
    if (entry) {
      this.#cache.delete(script);
      this.#cache.set(script, entry);
    }
    return entry;
  }

  #entry(script: string): CacheEntry {
    let entry = this.#cache.get(script);
    if (!entry) {
      entry = { idle: [] };
      this.#cache.set(script, entry);
      while (this.#cache.size > this.#cacheSize) {
        const oldest = this.#cache.keys().next().value as string;
        for (const vm of this.#cache.get(oldest)!.idle) vm.dispose();
        this.#cache.delete(oldest);
      }
    }
    return entry;
  }

  #checkIn(script: string, vm: VmScript): void {
    if (this.#closed || vm.grownBytes > maxCachedGrowthBytes) return vm.dispose();
    const entry = this.#entry(script);
    entry.idle.push(vm);
    if (entry.idle.length > maxIdlePerScript) entry.idle.shift()!.dispose();
  }
}

/** An idle VmScript compiled for the same memory cap and `fetch` setting, if any. */
function takeMatching(entry: CacheEntry, limits: ScriptLimits): VmScript | undefined {
  for (let index = entry.idle.length - 1; index >= 0; index--) {
    const vm = entry.idle[index];
    if (vm.memoryBytes === limits.memoryBytes && vm.fetchEnabled === limits.fetch.enabled) {
      entry.idle.splice(index, 1);
      return vm;
    }
  }
  return undefined;
}
