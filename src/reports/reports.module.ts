import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { EventsModule } from '../events/events.module';
import { FloorModule } from '../floor/floor.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [BookingsModule, EventsModule, FloorModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository],
  // Issue 13: the console's report page.
  exports: [ReportsService],
})
export class ReportsModule {}
