import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import {
  bootstrapFileName,
  bootstrapSource,
  scriptFileName,
  scriptPrefix,
  scriptPrefixLines,
  scriptSuffix,
} from './bootstrap.ts';
import { errorMessage, performFetch } from './host-fetch.ts';
import type { QuickJSInstance } from './instance.ts';
import { classifyVmError, countLines, decodeFinish, failure, formatBytes, positionFromStack } from './outcome.ts';
import type { ScriptFetchLimits, ScriptLimits, ScriptResult } from './types.ts';

/**
 * One compiled script: its own QuickJS WebAssembly instance (so the memory cap, the stack
 * limit and the interrupt deadline are per script) holding one locked-down context.
 *
 * Invariants:
 * 1. Only one run uses a VmScript at a time (the engine checks it out), so the interrupt
 *    deadline, the memory limit and the bootstrap's "current run" all belong to that run.
 * 2. After a timeout or a memory failure the VmScript is disposed, never reused: the
 *    interrupted code may have left QuickJS objects half-built.
 * 3. Only strings cross the boundary: JSON input in, the bootstrap's tagged string out.
 */

export interface VmOutcome {
  result: ScriptResult;
  /** False when the VmScript was disposed and must not go back to the cache. */
  reusable: boolean;
}

type CompileOutcome = { ok: true; vm: VmScript } | { ok: false; outcome: VmOutcome };

export class VmScript {
  readonly lineCount: number;
  readonly memoryBytes: number;
  readonly fetchEnabled: boolean;
  readonly #instance: QuickJSInstance;
  readonly #runtime: QuickJSRuntime;
  #context: QuickJSContext | undefined;
  #invoke: QuickJSHandle | undefined;
  #finish: QuickJSHandle | undefined;
  /** `performance.now()` after which the interrupt handler stops the VM; infinite when idle. */
  #stopAt = Number.POSITIVE_INFINITY;
  #deadline = Number.POSITIVE_INFINITY;
  #stopped = false;
  #stackBytes: number;
  #fetchLimits: ScriptFetchLimits;
  #runId = 0;
  #runAbort: AbortController | undefined;
  readonly #deferreds = new Set<QuickJSDeferredPromise>();
  #wake: (() => void) | undefined;
  #active = false;
  #disposed = false;

  private constructor(instance: QuickJSInstance, script: string, limits: ScriptLimits) {
    this.lineCount = countLines(script);
    this.memoryBytes = limits.memoryBytes;
    this.fetchEnabled = limits.fetch.enabled;
    this.#instance = instance;
    this.#runtime = instance.module.newRuntime();
    this.#stackBytes = limits.stackBytes;
    this.#fetchLimits = limits.fetch;
    // Only a per-allocation bound in this build (see instance.ts); the memory cap is the real one.
    this.#runtime.setMemoryLimit(limits.memoryBytes);
    this.#runtime.setMaxStackSize(limits.stackBytes);
    this.#runtime.setInterruptHandler(() => this.#shouldInterrupt());
  }

  /** How far the instance's memory has grown past its initial size (it never shrinks). */
  get grownBytes(): number {
    return this.#instance.memory.buffer.byteLength - this.#instance.initialBytes;
  }

  /** Syntax check, wrap, lock down. Runs under the same budget as a call. */
  static compile(instance: QuickJSInstance, script: string, limits: ScriptLimits, deadline: number): CompileOutcome {
    const vm = new VmScript(instance, script, limits);
    const context = vm.#runtime.newContext();
    vm.#context = context;
    vm.#arm(deadline);
    try {
      // A standalone parse first: its errors carry the user's own line numbers, and a script
      // that parses on its own cannot close the wrapper's braces early and run code outside it.
      const check = context.evalCode(script, scriptFileName, { compileOnly: true });
      if (check.error) return { ok: false, outcome: vm.#compileFailure(check.error, limits, 0) };
      check.value.dispose();
      const factory = context.evalCode(scriptPrefix + script + scriptSuffix, scriptFileName);
      if (factory.error) return { ok: false, outcome: vm.#compileFailure(factory.error, limits, scriptPrefixLines) };
      const install = context.evalCode(bootstrapSource, bootstrapFileName);
      if (install.error) {
        factory.value.dispose();
        return { ok: false, outcome: vm.#compileFailure(install.error, limits, 0) };
      }
      const hostFetch = limits.fetch.enabled ? vm.#newHostFetch(context) : context.undefined;
      const pair = context.callFunction(install.value, context.undefined, factory.value, hostFetch);
      for (const handle of [hostFetch, install.value, factory.value]) handle.dispose();
      if (pair.error) return { ok: false, outcome: vm.#compileFailure(pair.error, limits, 0) };
      vm.#invoke = context.getProp(pair.value, 0);
      vm.#finish = context.getProp(pair.value, 1);
      pair.value.dispose();
      return { ok: true, vm };
    } catch (error) {
      vm.dispose();
      throw error;
    } finally {
      vm.#disarm();
    }
  }

  async run(inputJson: string, limits: ScriptLimits, deadline: number): Promise<VmOutcome> {
    const context = this.#context!;
    this.#applyLimits(limits);
    const runId = ++this.#runId;
    this.#dropDeferreds();
    this.#runAbort = limits.fetch.enabled ? new AbortController() : undefined;
    this.#active = true;
    this.#arm(deadline);
    try {
      const input = context.newString(inputJson);
      const call = context.callFunction(this.#invoke!, context.undefined, input);
      input.dispose();
      if (call.error) return this.#vmFailure(call.error, limits);
      call.value.dispose();
      for (;;) {
        const jobs = this.#runtime.executePendingJobs();
        if (jobs.error) return this.#vmFailure(jobs.error, limits);
        const finished = context.callFunction(this.#finish!, context.undefined);
        if (finished.error) return this.#vmFailure(finished.error, limits);
        const text = context.getString(finished.value);
        finished.value.dispose();
        // An interrupt can surface as an ordinary rejection (inside an async function).
        if (this.#stopped) return this.#discard(this.#timeout(limits));
        if (text !== 'P') return this.#completed(decodeFinish(text, limits, this.lineCount));
        // Still pending: only a host `fetch` can move it forward.
        if (this.#deferreds.size === 0) {
          return this.#discard(failure('output', 'getCustomJwtClaims returned a promise that never settles'));
        }
        this.#disarm();
        const woke = await this.#waitForHost(deadline);
        if (this.#disposed) return { result: failure('runtime', 'The sandbox was closed during the run'), reusable: false };
        if (!woke) return this.#discard(this.#timeout(limits));
        this.#arm(deadline);
      }
    } finally {
      this.#disarm();
      this.#active = false;
      if (this.#runId === runId) this.#runAbort?.abort();
    }
  }

  /**
   * Drops the instance without calling into it: the whole WebAssembly instance is garbage
   * once unreferenced, and an orderly JS_FreeRuntime can abort on objects that QuickJS leaked
   * in an out-of-memory path.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#runAbort?.abort();
    this.#wake?.();
    this.#deferreds.clear();
    this.#context = undefined;
    this.#invoke = undefined;
    this.#finish = undefined;
  }

  /** Answers still owed to earlier runs are abandoned (their fetches were aborted). */
  #dropDeferreds(): void {
    for (const deferred of this.#deferreds) deferred.dispose();
    this.#deferreds.clear();
  }

  /**
   * Near the cap, QuickJS may fail to even build its "out of memory" error and surface
   * something odd (a `null` exception): any failure there is a memory failure.
   */
  #completed(result: ScriptResult): VmOutcome {
    if (result.ok || result.kind === 'memory' || !this.#nearMemoryCap()) return { result, reusable: true };
    return this.#discard(this.#outOfMemory());
  }

  /** Emscripten grows memory with a 5% overshoot, so a failed growth can stop that far short. */
  #nearMemoryCap(): boolean {
    const size = this.#instance.memory.buffer.byteLength;
    return size + Math.max(1024 * 1024, size * 0.06) > this.#instance.maximumBytes;
  }

  #outOfMemory(): ScriptResult {
    return failure('memory', `The script ran out of memory (limit ${formatBytes(this.memoryBytes)})`);
  }

  #applyLimits(limits: ScriptLimits): void {
    if (limits.stackBytes !== this.#stackBytes) this.#runtime.setMaxStackSize((this.#stackBytes = limits.stackBytes));
    this.#fetchLimits = limits.fetch;
  }

  #arm(deadline: number): void {
    this.#deadline = deadline;
    this.#stopAt = deadline;
    this.#stopped = false;
  }

  #disarm(): void {
    this.#stopAt = Number.POSITIVE_INFINITY;
  }

  #shouldInterrupt(): boolean {
    if (performance.now() < this.#stopAt) return false;
    this.#stopped = true;
    return true;
  }

  #timeout(limits: ScriptLimits): ScriptResult {
    return failure('timeout', `The script did not finish within ${limits.timeoutMs} ms`);
  }

  /** An exception escaped the bootstrap: an interrupt, or a resource limit hit in its own code. */
  #vmFailure(errorHandle: QuickJSHandle, limits: ScriptLimits): VmOutcome {
    return this.#discard(this.#classify(this.#takeError(errorHandle), limits));
  }

  #classify(error: { name: string; message: string; stack: string }, limits: ScriptLimits): ScriptResult {
    if (this.#stopped) return this.#timeout(limits);
    if (this.#nearMemoryCap()) return this.#outOfMemory();
    return classifyVmError(error, limits, this.lineCount);
  }

  #compileFailure(errorHandle: QuickJSHandle, limits: ScriptLimits, lineOffset: number): VmOutcome {
    const error = this.#takeError(errorHandle);
    if (this.#stopped) return this.#discard(failure('timeout', `The script did not compile within ${limits.timeoutMs} ms`));
    if (error.name !== 'SyntaxError') return this.#discard(this.#classify(error, limits));
    const position = positionFromStack(error.stack, this.lineCount, lineOffset);
    return this.#discard(failure('syntax', `SyntaxError: ${error.message}`, position));
  }

  /** Reads and frees an exception. Details stay empty after an interrupt or when unreadable. */
  #takeError(errorHandle: QuickJSHandle): { name: string; message: string; stack: string } {
    let dumped: Record<string, unknown> = {};
    try {
      // Near the memory cap QuickJS can throw `null` instead of an error object.
      const value: unknown = this.#stopped ? undefined : this.#context!.dump(errorHandle);
      if (value !== null && typeof value === 'object') dumped = value as Record<string, unknown>;
    } catch {
      // Out of memory; the failure kind does not need the details.
    }
    errorHandle.dispose();
    const { name, message, stack } = dumped;
    return { name: String(name ?? 'Error'), message: String(message ?? ''), stack: typeof stack === 'string' ? stack : '' };
  }

  #discard(result: ScriptResult): VmOutcome {
    this.dispose();
    return { result, reusable: false };
  }

  #newHostFetch(context: QuickJSContext): QuickJSHandle {
    return context.newFunction('hostFetch', (requestHandle) => {
      const runId = this.#runId;
      const deferred = context.newPromise();
      this.#deferreds.add(deferred);
      const signal = this.#runAbort?.signal ?? AbortSignal.abort();
      performFetch(context.getString(requestHandle), this.#fetchLimits, this.#deadline, signal).then(
        (json) => this.#settle(deferred, runId, true, json),
        (error: unknown) => this.#settle(deferred, runId, false, errorMessage(error)),
      );
      return deferred.handle;
    });
  }

  /** A late answer (its run is over) is dropped: the VM promise just stays pending forever. */
  #settle(deferred: QuickJSDeferredPromise, runId: number, ok: boolean, text: string): void {
    if (!this.#deferreds.delete(deferred)) return;
    if (this.#disposed) return;
    if (!this.#active || runId !== this.#runId) {
      deferred.dispose();
      this.#wake?.();
      return;
    }
    const value = this.#context!.newString(text);
    if (ok) deferred.resolve(value);
    else deferred.reject(value);
    value.dispose();
    deferred.dispose();
    this.#wake?.();
  }

  #waitForHost(deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), Math.max(0, deadline - performance.now()));
      const finish = (woke: boolean): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve(woke);
      };
      this.#wake = () => finish(true);
    });
  }
}

