import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { SlotsModule } from '../slots/slots.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { BookingClaims } from './booking-claim';
import { BookingMovesService } from './booking-moves.service';
import { BookingView } from './booking-view';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { BookingChange } from './entities/booking-change.entity';
import { Booking } from './entities/booking.entity';
import { VolunteerWithdrawalController } from './volunteer-withdrawal.controller';
import { VolunteerWithdrawalService } from './volunteer-withdrawal.service';

@Module({
  imports: [TypeOrmModule.forFeature([Booking, BookingChange]), EventsModule, SlotsModule, StudentsModule, VolunteersModule],
  controllers: [BookingsController, VolunteerWithdrawalController],
  providers: [BookingsService, BookingClaims, BookingMovesService, VolunteerWithdrawalService, BookingsRepository, BookingView],
  exports: [BookingsService, VolunteerWithdrawalService],
})
export class BookingsModule {}
