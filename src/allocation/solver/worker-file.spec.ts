import { generateSmallInstance } from './instance-generator';
import { runAllocationInWorker } from './run-in-worker';
import { solveAllocation } from './solve';
import { solverWorkerFile } from './worker-file';

describe('solverWorkerFile', () => {
  it('transpiles the sources when there is no build, and the thread gives the same bytes as a direct solve', async () => {
    expect(solverWorkerFile()).toMatch(/solver\.worker\.js$/);
    const input = generateSmallInstance(7);
    const progress: number[] = [];
    const viaThread = await runAllocationInWorker(input, { seed: 'same', onProgress: (p) => progress.push(p) });
    expect(JSON.stringify(viaThread)).toBe(JSON.stringify(solveAllocation(input, { seed: 'same' })));
    expect(progress.at(-1)).toBe(100);
  });
});
