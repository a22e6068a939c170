import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { SlotsModule } from '../slots/slots.module';
import { StrikesModule } from '../strikes/strikes.module';
import { BookingChangeLog } from './booking-change-log';
import { BookingClaims } from './booking-claim';
import { BookingMovesService } from './booking-moves.service';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';

/**
 * Bookings and their change log. Exports the service (book, cancel, views, what other features
 * do to bookings inside their own transactions) and the change log's API for the features that
 * follow bookings (invites, reminders).
 */
@Module({
  imports: [EventsModule, SlotsModule, StrikesModule],
  controllers: [BookingsController],
  providers: [BookingsService, BookingClaims, BookingChangeLog, BookingMovesService, BookingsRepository],
  exports: [BookingsService, BookingChangeLog, BookingMovesService],
})
export class BookingsModule {}
