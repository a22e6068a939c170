import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module';
import { CheckInModule } from '../check-in/check-in.module';
import { EventsModule } from '../events/events.module';
import { FloorModule } from '../floor/floor.module';
import { MailModule } from '../mail/mail.module';
import { StudentsModule } from '../students/students.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { InviteDeliveryService } from './invite-delivery.service';
import { InviteRelayService } from './invite-relay.service';
import { InviteSettings } from './invite-settings';
import { InvitesProcessor } from './jobs/invites.processor';
import { OutboxController } from './outbox.controller';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { RemindersController } from './reminders.controller';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

/** Calendar invites: the outbox, reminder settings and staff's view of them (every role). */
@Module({
  imports: [EventsModule, BookingsModule],
  controllers: [OutboxController, RemindersController],
  providers: [OutboxService, OutboxRepository, InviteSettings, RemindersService, RemindersRepository],
  exports: [OutboxRepository, RemindersRepository, InviteSettings, OutboxService, RemindersService],
})
export class InvitesModule {}

/** Worker role: the outbox relay and the processor that sends invite e-mails. */
@Module({
  imports: [InvitesModule, BookingsModule, EventsModule, FloorModule, StudentsModule, VolunteersModule, MailModule, CheckInModule],
  providers: [InviteRelayService, InviteDeliveryService, ReminderDeliveryService, InvitesProcessor],
})
export class InvitesWorkerModule {}
