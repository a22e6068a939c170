import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Environment } from '../config/environment';
import { JobQueueService } from './job-queue.service';
import { QueueName } from './jobs';
import { JobLogContext } from './job-log-context';
import { WorkerDrain } from './worker-drain.service';

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        connection: { url: env.REDIS_URL, maxRetriesPerRequest: null },
        // Keeps installations (or test runs) sharing one Redis apart.
        prefix: env.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  // WorkerDrain finds the workers of the roles that have them (none in an API process).
  providers: [JobQueueService, WorkerDrain, JobLogContext],
  exports: [JobQueueService, WorkerDrain, JobLogContext, BullModule],
})
export class QueueModule {}
