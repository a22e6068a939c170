import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { Environment } from '../config/environment';
import { JobQueueService } from './job-queue.service';
import { QueueName } from './jobs';

@Global()
@Module({
  imports: [
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
  providers: [JobQueueService],
  exports: [JobQueueService, BullModule],
})
export class QueueModule {}
