import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import { bootstrapFileName, bootstrapSource, scriptFileName, scriptPrefix, scriptPrefixLines, scriptSuffix } from './bootstrap.ts';
import { FetchBridge } from './fetch-bridge.ts';
import type { QuickJSInstance } from './instance.ts';
import { classifyVmError, countLines, decodeFinish, failure, formatBytes, positionFromStack } from './outcome.ts';
import type { ScriptLimits, ScriptResult } from './types.ts';

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
  #stopped = false;
  #stackBytes: number;
  #fetch: FetchBridge | undefined;
  #disposed = false;

  private constructor(instance: QuickJSInstance, script: string, limits: ScriptLimits) {
    this.lineCount = countLines(script);
    this.memoryBytes = limits.memoryBytes;
    this.fetchEnabled = limits.fetch.enabled;
    this.#instance = instance;
    this.#runtime = instance.module.newRuntime();
    this.#stackBytes = limits.stackBytes;
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
      if (limits.fetch.enabled) vm.#fetch = new FetchBridge(context, limits.fetch);
      const hostFetch = vm.#fetch ? vm.#fetch.newHostFunction() : context.undefined;
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

  /**
   * Synchronous unless the script waits on `fetch`, so that a worker hands the VmScript back
   * to the cache before it reads its next message (else a burst would compile duplicates).
   */
  run(inputJson: string, limits: ScriptLimits, deadline: number): VmOutcome | Promise<VmOutcome> {
    const context = this.#context!;
    this.#applyLimits(limits);
    this.#fetch?.beginRun(limits.fetch, deadline);
    this.#arm(deadline);
    let outcome: VmOutcome | 'pending';
    try {
      const input = context.newString(inputJson);
      const call = context.callFunction(this.#invoke!, context.undefined, input);
      input.dispose();
      if (call.error) outcome = this.#vmFailure(call.error, limits);
      else {
        call.value.dispose();
        outcome = this.#step(limits);
      }
    } catch (error) {
      this.#endRun();
      throw error;
    }
    if (outcome !== 'pending') {
      this.#endRun();
      return outcome;
    }
    return this.#waitForFetches(limits, deadline).finally(() => this.#endRun());
  }

  /** Runs queued jobs and asks the bootstrap whether the call has finished. */
  #step(limits: ScriptLimits): VmOutcome | 'pending' {
    const context = this.#context!;
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
    if (!this.#fetch?.pending) {
      return this.#discard(failure('output', 'getCustomJwtClaims returned a promise that never settles'));
    }
    return 'pending';
  }

  async #waitForFetches(limits: ScriptLimits, deadline: number): Promise<VmOutcome> {
    for (;;) {
      this.#disarm();
      const woke = await this.#fetch!.waitForAnswer(deadline);
      if (this.#disposed) return { result: failure('runtime', 'The sandbox was closed during the run'), reusable: false };
      if (!woke) return this.#discard(this.#timeout(limits));
      this.#arm(deadline);
      const outcome = this.#step(limits);
      if (outcome !== 'pending') return outcome;
    }
  }

  #endRun(): void {
    this.#disarm();
    this.#fetch?.endRun();
  }

  /**
   * Drops the instance without calling into it: the whole WebAssembly instance is garbage
   * once unreferenced, and an orderly JS_FreeRuntime can abort on objects that QuickJS leaked
   * in an out-of-memory path.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#fetch?.dispose();
    this.#context = undefined;
    this.#invoke = undefined;
    this.#finish = undefined;
  }

  /**
   * A memory failure discards the VmScript (invariant 2). Near the cap QuickJS may fail to
   * even build its "out of memory" error and surface something odd (a `null` exception), so
   * any failure there counts as a memory failure.
   */
  #completed(result: ScriptResult): VmOutcome {
    if (result.ok) return { result, reusable: true };
    if (result.kind === 'memory') return this.#discard(result);
    if (this.#nearMemoryCap()) return this.#discard(this.#outOfMemory());
    return { result, reusable: true };
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
  }

  #arm(deadline: number): void {
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
    return {
      name: typeof name === 'string' ? name : 'Error',
      message: typeof message === 'string' ? message : '',
      stack: typeof stack === 'string' ? stack : '',
    };
  }

  #discard(result: ScriptResult): VmOutcome {
    this.dispose();
    return { result, reusable: false };
  }
}
