import type { AllocationInput, AllocationResult, StudentExplanation } from './types';

/** What `solver.worker.ts` receives as `workerData`. */
export interface SolverWorkerRequest {
  input: AllocationInput;
  seed: string | number;
  /** Also explain every student's result (issue 14), in the same thread. */
  explain?: boolean;
}

/** What it posts back: any number of progress messages, then exactly one result or error. */
export type SolverWorkerMessage =
  | { type: 'progress'; percent: number }
  | { type: 'result'; result: AllocationResult; explanations?: StudentExplanation[] }
  | { type: 'error'; name: string; message: string };
