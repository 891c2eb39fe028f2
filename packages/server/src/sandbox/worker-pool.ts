import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { failure } from './outcome.ts';
import type { RunRequestMessage, RunResultMessage, WorkerSetup } from './protocol.ts';
import type { ScriptLimits, ScriptResult } from './types.ts';

/**
 * A small pool of QuickJS worker threads.
 *
 * Invariants:
 * 1. Every job's promise resolves exactly once, with a ScriptResult, never rejects: a crashed
 *    or stopped worker resolves its jobs as failures.
 * 2. A worker that makes no progress for longer than its slowest job's time limit plus a grace
 *    period is terminated. QuickJS's interrupt is only polled between bytecodes, so a loop of
 *    heavy built-in calls (`a.push(new Array(1e5).fill(1))`) can outrun it by seconds.
 * 3. Idle workers are unref'd, so an idle runner never keeps the process alive.
 * 4. The host-side queue is bounded: with every worker full and `maxQueued` runs already
 *    waiting, a run fails at once with kind `busy`. One slow script can otherwise stall every
 *    token behind it for its time limit times the queue (a trivial run waited 25 s behind 50
 *    looping ones).
 */

export interface WorkerPoolOptions {
  size: number;
  cacheSize: number;
  maxInFlightPerWorker: number;
  /** Runs that may wait on the host for a worker; beyond this they fail with kind `busy`. */
  maxQueued: number;
}

interface Job {
  message: RunRequestMessage;
  resolve: (result: ScriptResult) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  lastProgress: number;
  watchdog: NodeJS.Timeout;
}

// Time a worker gets beyond a job's own limit before it counts as stuck.
const watchdogGraceMs = 500;
const watchdogIntervalMs = 100;

export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  readonly #slots: Array<Slot | undefined>;
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.#options = options;
    this.#slots = new Array<Slot | undefined>(Math.max(1, options.size)).fill(undefined);
  }

  run(script: string, inputJson: string, limits: ScriptLimits): Promise<ScriptResult> {
    if (this.#closed) return Promise.resolve(failure('runtime', 'The script runner is closed'));
    return new Promise((resolve) => {
      const job = { message: { id: this.#nextId++, script, inputJson, limits }, resolve };
      const slot = this.#pickSlot();
      if (slot) this.#dispatch(slot, job);
      else if (this.#queue.length < this.#options.maxQueued) this.#queue.push(job);
      else resolve(failure('busy', `The script sandbox is busy (${this.#queue.length} runs already waiting); no run was started`));
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.resolve(failure('runtime', 'The script runner is closed'));
    const stopping: Array<Promise<number>> = [];
    for (let index = 0; index < this.#slots.length; index++) {
      const slot = this.#slots[index];
      if (!slot) continue;
      this.#retire(index, () => failure('runtime', 'The script runner is closed'));
      stopping.push(slot.worker.terminate());
    }
    await Promise.all(stopping);
  }

  /** An idle worker first, then a new one, then the least busy one with room. */
  #pickSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.#slots) {
      if (slot && slot.jobs.size === 0) return slot;
    }
    const free = this.#slots.indexOf(undefined);
    if (free >= 0) return this.#spawn(free);
    for (const slot of this.#slots) {
      if (!slot || slot.jobs.size >= this.#options.maxInFlightPerWorker) continue;
      if (!best || slot.jobs.size < best.jobs.size) best = slot;
    }
    return best;
  }

  #dispatch(slot: Slot, job: Job): void {
    if (slot.jobs.size === 0) {
      slot.worker.ref();
      slot.lastProgress = performance.now();
    }
    slot.jobs.set(job.message.id, job);
    slot.worker.postMessage(job.message);
  }

  #onResult(slot: Slot, message: RunResultMessage): void {
    const job = slot.jobs.get(message.id);
    if (!job) return;
    slot.jobs.delete(message.id);
    slot.lastProgress = performance.now();
    if (slot.jobs.size === 0) slot.worker.unref();
    job.resolve(message.result);
    this.#drainQueue();
  }

  #drainQueue(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      const slot = this.#pickSlot();
      if (!slot) return;
      this.#dispatch(slot, this.#queue.shift()!);
    }
  }

  #checkProgress(slot: Slot): void {
    if (slot.jobs.size === 0) return;
    let allowed = 0;
    for (const job of slot.jobs.values()) allowed = Math.max(allowed, job.message.limits.timeoutMs);
    if (performance.now() - slot.lastProgress <= allowed + watchdogGraceMs) return;
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#retire(index, (job) =>
      failure('timeout', `The script did not finish within ${job.message.limits.timeoutMs} ms; its sandbox worker was stopped`),
    );
    void slot.worker.terminate();
    this.#drainQueue();
  }

  #spawn(index: number): Slot {
    const { entry, eval: isEval } = workerEntry();
    const worker = new Worker(entry, {
      eval: isEval,
      workerData: { cacheSize: this.#options.cacheSize } satisfies WorkerSetup,
      // QuickJS's heap lives in WebAssembly memory, outside these limits; they bound the
      // worker's own JS (input strings, fetch bodies) so a leak cannot grow without end.
      resourceLimits: { maxOldGenerationSizeMb: 256, stackSizeMb: 4 },
    });
    worker.unref();
    // One unref'd timer per worker for its whole life: cheaper than arming one per run.
    const watchdog = setInterval(() => this.#checkProgress(slot), watchdogIntervalMs).unref();
    const slot: Slot = { worker, jobs: new Map(), lastProgress: performance.now(), watchdog };
    worker.on('message', (message: RunResultMessage) => this.#onResult(slot, message));
    worker.on('error', (error: Error & { code?: string }) => this.#onCrash(slot, error));
    worker.on('exit', () => this.#onCrash(slot));
    this.#slots[index] = slot;
    return slot;
  }

  #onCrash(slot: Slot, error?: Error & { code?: string }): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    const outOfMemory = error?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    this.#retire(index, () =>
      outOfMemory
        ? failure('memory', 'The sandbox worker ran out of memory')
        : failure('runtime', `The sandbox worker stopped unexpectedly${error ? `: ${error.message}` : ''}`),
    );
    void slot.worker.terminate();
    this.#drainQueue();
  }

  /** Frees the slot (a new worker is spawned on demand) and fails its jobs. */
  #retire(index: number, reason: (job: Job) => ScriptResult): void {
    const slot = this.#slots[index]!;
    this.#slots[index] = undefined;
    clearInterval(slot.watchdog);
    slot.worker.unref();
    for (const job of slot.jobs.values()) job.resolve(reason(job));
    slot.jobs.clear();
  }
}

/**
 * From `dist` the worker is plain `worker.js`. From source (vitest, `tsx`) it is `worker.ts`,
 * and Node 20 does not apply `--import` loader hooks to a worker's entry module, so a tiny
 * eval'd entry registers tsx in the worker's own thread first. (tsc does not rewrite the
 * `.ts` in `new URL()`, hence the explicit choice.)
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./worker.js', import.meta.url), eval: false };
  const source = new URL('./worker.ts', import.meta.url).href;
  const tsx = tsxApiUrl();
  const code =
    `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })` +
    `.catch((error) => { console.error(error); process.exit(1); });`;
  return { entry: code, eval: true };
}

function tsxApiUrl(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Runners without import.meta.resolve: the `require` condition names the .cjs twin.
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
    return pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
  }
}
