import { parentPort, workerData } from 'node:worker_threads';
import { explainAllocation } from './explain';
import { solveAllocation } from './solve';
import type { SolverWorkerMessage, SolverWorkerRequest } from './worker-protocol';

/**
 * worker_threads entry: solves the request in `workerData`, posts progress and then the result
 * (or the error), and ends. The solver is synchronous, so it runs here to keep the calling
 * thread's event loop (and BullMQ's job-lock renewal) free.
 */
const port = parentPort;
if (!port) throw new Error('solver.worker must run in a worker thread');
const request = workerData as SolverWorkerRequest;
const post = (message: SolverWorkerMessage): void => port.postMessage(message);
try {
  const result = solveAllocation(request.input, {
    seed: request.seed,
    onProgress: (percent) => post({ type: 'progress', percent }),
  });
  const explanations = request.explain ? explainAllocation(request.input, result) : undefined;
  post({ type: 'result', result, explanations });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ type: 'error', name: e.name, message: e.message });
}
