import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Environment } from '../config/environment';
import { RelayLoop } from '../queue/relay-loop';
import { OfferMatcherService } from './offer-matcher.service';

/**
 * Worker role: every WAITLIST_SWEEP_INTERVAL_MS, a pass over every event with a due offer or
 * someone waiting. It reads and writes PostgreSQL only, so offers expire and move on even while
 * Redis is away or after it lost the delayed expiry jobs (their mails leave once it is back),
 * and it catches freed slots no job announced (e.g. bookings removed with a deleted account).
 */
@Injectable()
export class WaitlistSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WaitlistSweep.name);
  private readonly loop: RelayLoop;

  constructor(matcher: OfferMatcherService, env: Environment) {
    // The pass reports no "work found", so the loop always waits its interval before the next.
    this.loop = new RelayLoop(async () => (await matcher.sweep(), 0), env.WAITLIST_SWEEP_INTERVAL_MS, {
      failed: (error) => this.logger.warn({ err: error }, 'Waitlist sweep failed; retrying'),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }
}
