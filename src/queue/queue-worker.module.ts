import { Global, Module } from '@nestjs/common';
import { JobOutboxRelay } from './job-outbox-relay.service';

/** Worker role: the relay from `job_outbox` to the queues; processors tell it when a job is done. */
@Global()
@Module({ providers: [JobOutboxRelay], exports: [JobOutboxRelay] })
export class QueueWorkerModule {}
