import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { EligibilityModule } from '../eligibility/eligibility.module';
import { EventsModule } from '../events/events.module';
import { MailModule } from '../mail/mail.module';
import { StudentsModule } from '../students/students.module';
import { WaitlistProcessor } from './jobs/waitlist.processor';
import { OfferDeliveryService } from './offer-delivery.service';
import { OfferMatcherRepository } from './offer-matcher.repository';
import { OfferMatcherService } from './offer-matcher.service';
import { OffersController } from './offers.controller';
import { OffersService } from './offers.service';
import { WaitlistSweep } from './waitlist-sweep.service';
import { WaitlistController } from './waitlist.controller';
import { WaitlistRepository } from './waitlist.repository';
import { WaitlistService } from './waitlist.service';

/**
 * Issue 12: waitlists with expiring offers, above bookings (an accepted offer is a booking).
 * Exports the services the student pages use.
 */
@Module({
  imports: [EventsModule, BookingsModule, EligibilityModule],
  controllers: [WaitlistController, OffersController],
  providers: [WaitlistService, OffersService, WaitlistRepository],
  exports: [WaitlistService, OffersService],
})
export class WaitlistModule {}

/** Worker role: the processor that makes, expires and mails offers, and the sweep that catches up. */
@Module({
  imports: [WaitlistModule, BookingsModule, StudentsModule, MailModule],
  providers: [OfferMatcherService, OfferMatcherRepository, OfferDeliveryService, WaitlistRepository, WaitlistProcessor, WaitlistSweep],
})
export class WaitlistWorkerModule {}
