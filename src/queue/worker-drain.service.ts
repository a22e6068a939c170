import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

/**
 * Closes this process's queue workers, letting the jobs they run finish, before anything they
 * use (PostgreSQL pool, SMTP transport) closes: Nest's own shutdown closes the workers and the
 * pool in the same phase, and jobs failed with "Connection pool was closed".
 */
@Injectable()
export class WorkerDrain {
  private readonly logger = new Logger(WorkerDrain.name);

  constructor(private readonly discovery: DiscoveryService) {}

  /** Resolves when every worker has closed, or after `timeoutMs` (jobs still running are then left to other workers). */
  async close(timeoutMs: number): Promise<void> {
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
    if (!workers.length) return;
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      Promise.allSettled(workers.map((worker) => worker.close())).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!closed) this.logger.warn({ timeoutMs }, 'Jobs still running at the shutdown deadline; other workers will take them over');
  }
}
