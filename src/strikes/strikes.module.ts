import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { StudentsModule } from '../students/students.module';
import { StrikePolicyService } from './strike-policy.service';
import { StrikesController } from './strikes.controller';
import { StrikesRepository } from './strikes.repository';
import { StrikesService } from './strikes.service';

/** The no-show strike ledger (issue 12); below bookings, which record late cancellations through it. */
@Module({
  imports: [EventsModule, StudentsModule],
  controllers: [StrikesController],
  providers: [StrikesService, StrikePolicyService, StrikesRepository],
  exports: [StrikesService],
})
export class StrikesModule {}
