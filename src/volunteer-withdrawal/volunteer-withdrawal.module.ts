import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { EventsModule } from '../events/events.module';
import { FloorModule } from '../floor/floor.module';
import { SlotsModule } from '../slots/slots.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { VolunteerWithdrawalController } from './volunteer-withdrawal.controller';
import { VolunteerWithdrawalService } from './volunteer-withdrawal.service';

/** Use case above the features it combines: a volunteer leaves an event (see the service). */
@Module({
  imports: [EventsModule, VolunteersModule, SlotsModule, BookingsModule, FloorModule],
  controllers: [VolunteerWithdrawalController],
  providers: [VolunteerWithdrawalService],
  exports: [VolunteerWithdrawalService],
})
export class VolunteerWithdrawalModule {}
