import type { AllocationInput, AllocationResult } from './types';

/** What `solver.worker.ts` receives as `workerData`. */
export interface SolverWorkerRequest {
  input: AllocationInput;
  seed: string | number;
}

/** What it posts back: any number of progress messages, then exactly one result or error. */
export type SolverWorkerMessage =
  | { type: 'progress'; percent: number }
  | { type: 'result'; result: AllocationResult }
  | { type: 'error'; name: string; message: string };
