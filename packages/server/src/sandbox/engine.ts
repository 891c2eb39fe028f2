import { newQuickJSWASMModule, type QuickJSWASMModule } from 'quickjs-emscripten';
import { failure } from './outcome.ts';
import type { ScriptLimits, ScriptResult } from './types.ts';
import { VmScript, type VmOutcome } from './vm-script.ts';

/**
 * One QuickJS WebAssembly instance and the compiled scripts of one thread (the main thread,
 * or one worker), kept in an LRU keyed by the script text itself: a Map lookup on a string
 * the server already holds is cheaper than hashing it per call.
 *
 * Invariants:
 * 1. A VmScript is either idle in the cache or checked out by exactly one run.
 * 2. A host-level exception thrown through QuickJS (V8's stack overflowing under deep
 *    recursion, a WebAssembly trap) poisons the whole instance: every cached script is
 *    dropped and a fresh instance is created on the next run.
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

// A worker may run several `fetch` scripts concurrently; keep a couple of spare contexts.
const maxIdlePerScript = 2;

export class SandboxEngine {
  readonly #cacheSize: number;
  readonly #plain = new Map<string, CacheEntry>();
  readonly #withFetch = new Map<string, CacheEntry>();
  #module: Promise<QuickJSWASMModule> | undefined;
  #generation = 0;
  #closed = false;

  constructor(cacheSize: number) {
    this.#cacheSize = Math.max(1, cacheSize);
  }

  async run(request: EngineRequest): Promise<VmOutcome> {
    const { script, inputJson, limits } = request;
    // Awaiting here also means QuickJS always starts from a shallow host stack (a microtask).
    const module = await this.#loadModule();
    if (this.#closed) return { result: failure('runtime', 'The script runner is closed'), reusable: false };
    const deadline = request.startedAt + limits.timeoutMs;
    const cache = limits.fetch.enabled ? this.#withFetch : this.#plain;
    const generation = this.#generation;
    const entry = this.#touch(cache, script);
    if (entry?.failure) return { result: entry.failure, reusable: false };
    let vm = entry?.idle.pop();
    try {
      if (!vm) {
        const compiled = VmScript.compile(module, script, limits, deadline);
        if (!compiled.ok) {
          const { result } = compiled.outcome;
          if (!result.ok && result.kind === 'syntax') this.#entry(cache, script).failure = result;
          return compiled.outcome;
        }
        vm = compiled.vm;
      }
      const outcome = await vm.run(inputJson, limits, deadline);
      if (outcome.reusable) this.#checkIn(cache, script, vm, generation);
      return outcome;
    } catch (error) {
      this.#poison();
      const message = isHostStackOverflow(error)
        ? `Maximum call stack size exceeded (the host stack ran out before the ${limits.stackBytes / 1024} KiB script stack limit)`
        : 'The sandbox failed internally and was reset';
      return { result: failure(isHostStackOverflow(error) ? 'memory' : 'runtime', message), reusable: false };
    }
  }

  close(): void {
    this.#closed = true;
    this.#dropAll(true);
    this.#module = undefined;
  }

  #loadModule(): Promise<QuickJSWASMModule> {
    // Each instance has its own linear memory; a fresh one after poisoning shares nothing.
    this.#module ??= newQuickJSWASMModule();
    return this.#module;
  }

  #touch(cache: Map<string, CacheEntry>, script: string): CacheEntry | undefined {
    const entry = cache.get(script);
    if (entry) {
      cache.delete(script);
      cache.set(script, entry);
    }
    return entry;
  }

  #entry(cache: Map<string, CacheEntry>, script: string): CacheEntry {
    let entry = cache.get(script);
    if (!entry) {
      entry = { idle: [] };
      cache.set(script, entry);
      while (cache.size > this.#cacheSize) {
        const oldest = cache.keys().next().value as string;
        for (const vm of cache.get(oldest)!.idle) vm.dispose();
        cache.delete(oldest);
      }
    }
    return entry;
  }

  #checkIn(cache: Map<string, CacheEntry>, script: string, vm: VmScript, generation: number): void {
    if (this.#closed || generation !== this.#generation) return safeDispose(vm);
    const entry = this.#entry(cache, script);
    if (entry.idle.length < maxIdlePerScript) entry.idle.push(vm);
    else vm.dispose();
  }

  #poison(): void {
    this.#generation++;
    this.#module = undefined;
    // Disposing needs the broken instance to cooperate; dropping the references is enough
    // for V8 to collect its memory.
    this.#dropAll(false);
  }

  #dropAll(dispose: boolean): void {
    for (const cache of [this.#plain, this.#withFetch]) {
      if (dispose) for (const entry of cache.values()) for (const vm of entry.idle) safeDispose(vm);
      cache.clear();
    }
  }
}

function safeDispose(vm: VmScript): void {
  try {
    vm.dispose();
  } catch {
    // Its instance was poisoned; nothing left to free that V8 will not collect.
  }
}

function isHostStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
