/** The allocation solver's public surface (issue 3): pure, synchronous, deterministic. */
export { AllocationInputError } from './model';
export { runAllocationInWorker } from './run-in-worker';
export type { WorkerRunOptions, WorkerRunResult } from './run-in-worker';
export { ALLOCATION_ALGORITHM, solveAllocation } from './solve';
export type * from './types';
export type { SolverWorkerMessage, SolverWorkerRequest } from './worker-protocol';
export { explainAllocation } from './explain';
