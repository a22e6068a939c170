import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queue/jobs';
import type { TestApp } from './test-app';
import { waitFor } from './wait-for';

/** Waits until a queue has nothing waiting, delayed or running. */
export async function waitForQueueDrained(t: TestApp, name: QueueName, timeoutMs = 15_000): Promise<void> {
  const queue = t.app.get<Queue>(getQueueToken(name));
  await waitFor(async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  }, timeoutMs);
}
