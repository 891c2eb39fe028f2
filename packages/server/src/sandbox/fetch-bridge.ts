import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle } from 'quickjs-emscripten';
import { errorMessage, performFetch } from './host-fetch.ts';
import type { ScriptFetchLimits } from './types.ts';

/**
 * Connects the bootstrap's `fetch` to the host for one VmScript: each request becomes a
 * QuickJS promise that the host settles with a JSON string (or an error message).
 *
 * Invariants:
 * 1. An answer is delivered only to the run that asked for it; answers arriving after their
 *    run ended are dropped (the VM promise stays pending, nobody waits on it).
 * 2. After `dispose()` nothing calls into QuickJS any more (the instance may be gone).
 */
export class FetchBridge {
  readonly #context: QuickJSContext;
  readonly #deferreds = new Set<QuickJSDeferredPromise>();
  #limits: ScriptFetchLimits;
  #deadline = Number.POSITIVE_INFINITY;
  #runId = 0;
  #active = false;
  #abort: AbortController | undefined;
  #wake: (() => void) | undefined;
  #disposed = false;

  constructor(context: QuickJSContext, limits: ScriptFetchLimits) {
    this.#context = context;
    this.#limits = limits;
  }

  /** The `hostFetch` function handed to the bootstrap (never to user code directly). */
  newHostFunction(): QuickJSHandle {
    return this.#context.newFunction('hostFetch', (requestHandle) => {
      const runId = this.#runId;
      const deferred = this.#context.newPromise();
      this.#deferreds.add(deferred);
      const signal = this.#abort?.signal ?? AbortSignal.abort();
      performFetch(this.#context.getString(requestHandle), this.#limits, this.#deadline, signal).then(
        (json) => this.#settle(deferred, runId, true, json),
        (error: unknown) => this.#settle(deferred, runId, false, errorMessage(error)),
      );
      return deferred.handle;
    });
  }

  /** Requests of this run that have not been answered yet. */
  get pending(): number {
    return this.#deferreds.size;
  }

  beginRun(limits: ScriptFetchLimits, deadline: number): void {
    this.#runId++;
    // Answers still owed to earlier runs are abandoned (their requests were aborted).
    for (const deferred of this.#deferreds) deferred.dispose();
    this.#deferreds.clear();
    this.#limits = limits;
    this.#deadline = deadline;
    this.#abort = new AbortController();
    this.#active = true;
  }

  endRun(): void {
    this.#active = false;
    this.#abort?.abort();
  }

  /** Resolves true when an answer was delivered, false at the deadline. */
  waitForAnswer(deadline: number): Promise<boolean> {
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

  dispose(): void {
    this.#disposed = true;
    this.#abort?.abort();
    this.#wake?.();
    this.#deferreds.clear();
  }

  #settle(deferred: QuickJSDeferredPromise, runId: number, ok: boolean, text: string): void {
    if (this.#disposed || !this.#deferreds.delete(deferred)) return;
    if (this.#active && runId === this.#runId) {
      const value = this.#context.newString(text);
      if (ok) deferred.resolve(value);
      else deferred.reject(value);
      value.dispose();
    }
    deferred.dispose();
    this.#wake?.();
  }
}
