import { parentPort, workerData } from 'node:worker_threads';
import { SandboxEngine } from './engine.ts';
import { failure } from './outcome.ts';
import type { RunRequestMessage, RunResultMessage, WorkerSetup } from './protocol.ts';

/**
 * Worker entry: one QuickJS instance per worker thread. QuickJS is the isolation boundary;
 * the thread only keeps a runaway script off the server's event loop and lets the host
 * `terminate()` it when QuickJS's interrupt cannot (README, "Why a worker").
 */
const port = parentPort;
if (!port) throw new Error('sandbox/worker.ts must run in a worker thread');

const engine = new SandboxEngine((workerData as WorkerSetup).cacheSize);

port.on('message', (message: RunRequestMessage) => {
  const { id, script, inputJson, limits } = message;
  // The time limit counts from the moment this worker starts the run, not from queueing.
  engine.run({ script, inputJson, limits, startedAt: performance.now() }).then(
    ({ result }) => port.postMessage({ id, result } satisfies RunResultMessage),
    () => port.postMessage({ id, result: failure('runtime', 'The sandbox failed internally') } satisfies RunResultMessage),
  );
});
