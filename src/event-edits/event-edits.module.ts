import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { EventsModule } from '../events/events.module';
import { SlotsModule } from '../slots/slots.module';
import { EventEditsController } from './event-edits.controller';
import { EventEditsService } from './event-edits.service';

/** Use case above the features it combines: staff edit an event (see the service). */
@Module({
  imports: [EventsModule, SlotsModule, BookingsModule],
  controllers: [EventEditsController],
  providers: [EventEditsService],
  exports: [EventEditsService],
})
export class EventEditsModule {}
