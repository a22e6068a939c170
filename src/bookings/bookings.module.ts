import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { SlotsModule } from '../slots/slots.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { BookingView } from './booking-view';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { BookingChange } from './entities/booking-change.entity';
import { Booking } from './entities/booking.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Booking, BookingChange]), EventsModule, SlotsModule, StudentsModule, VolunteersModule],
  controllers: [BookingsController],
  providers: [BookingsService, BookingsRepository, BookingView],
  exports: [BookingsService],
})
export class BookingsModule {}
