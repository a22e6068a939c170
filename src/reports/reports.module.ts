import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { EventsModule } from '../events/events.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { FloorModule } from '../floor/floor.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [BookingsModule, EventsModule, FloorModule, FeedbackModule, VolunteersModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository],
  // The operators' CLI exports an event's schedule (src/cli); the console's report page (issue 13).
  exports: [ReportsService],
})
export class ReportsModule {}
