import { Worker } from 'node:worker_threads';
import type { AllocationInput, AllocationResult, SolveOptions, StudentExplanation } from './types';
import { solverWorkerFile } from './worker-file';
import type { SolverWorkerMessage, SolverWorkerRequest } from './worker-protocol';

export interface WorkerRunOptions extends SolveOptions {
  /** Compiled worker entry; defaults to solver.worker.js beside this file (see worker-file.ts). */
  workerFile?: string;
  /** Heap cap for the solver thread (the benchmark's reference run peaks far below it). */
  maxOldGenerationSizeMb?: number;
  /** Also explain every student's result in the thread (see explain.ts). */
  explain?: boolean;
}

export type WorkerRunResult = AllocationResult & { explanations?: StudentExplanation[] };

/**
 * Runs `solveAllocation` in a worker thread and resolves with its result; rejects with the
 * solver's error (same name and message) or when the thread dies first. The result is
 * deterministic, so a run lost with its process is simply run again.
 */
export function runAllocationInWorker(input: AllocationInput, options: WorkerRunOptions): Promise<WorkerRunResult> {
  const request: SolverWorkerRequest = { input, seed: options.seed, ...(options.explain ? { explain: true } : {}) };
  const worker = new Worker(options.workerFile ?? solverWorkerFile(), {
    workerData: request,
    resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? 1536 },
  });
  return new Promise<WorkerRunResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: SolverWorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.percent);
      else if (message.type === 'result') {
        settled = true;
        resolve(message.explanations ? { ...message.result, explanations: message.explanations } : message.result);
      } else {
        settled = true;
        const error = new Error(message.message);
        error.name = message.name;
        reject(error);
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`allocation solver thread exited with code ${code} before answering`));
    });
  });
}
