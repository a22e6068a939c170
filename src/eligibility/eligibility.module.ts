import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { EligibilityController } from './eligibility.controller';
import { EligibilityRepository } from './eligibility.repository';
import { EligibilityService } from './eligibility.service';

/** Issue 12: who may book an event. Exports the service; the SQL rule (eligibility.sql.ts) for one-statement paths. */
@Module({
  imports: [EventsModule],
  controllers: [EligibilityController],
  providers: [EligibilityService, EligibilityRepository],
  exports: [EligibilityService],
})
export class EligibilityModule {}
