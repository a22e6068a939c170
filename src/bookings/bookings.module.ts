import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { SlotsModule } from '../slots/slots.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { BookingClaims } from './booking-claim';
import { BookingMovesService } from './booking-moves.service';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { VolunteerWithdrawalController } from './volunteer-withdrawal.controller';
import { VolunteerWithdrawalService } from './volunteer-withdrawal.service';

@Module({
  imports: [EventsModule, SlotsModule, StudentsModule, VolunteersModule],
  controllers: [BookingsController, VolunteerWithdrawalController],
  providers: [BookingsService, BookingClaims, BookingMovesService, VolunteerWithdrawalService, BookingsRepository],
  exports: [BookingsService, VolunteerWithdrawalService],
})
export class BookingsModule {}
