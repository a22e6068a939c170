import { Injectable, Logger } from '@nestjs/common';
import { BookingChangeLog } from '../bookings/booking-change-log';
import { EventsService } from '../events/events.service';
import { MailService } from '../mail/mail.service';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { pageLinks } from '../common/http/page-links';
import { InviteSettings } from './invite-settings';
import { renderReminderMail } from './reminder-mail';
import { RemindersRepository, stillCurrent } from './reminders.repository';

/** Sends a due reminder, unless its booking was cancelled or moved since it was scheduled. */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);

  constructor(
    private readonly reminders: RemindersRepository,
    private readonly bookings: BookingChangeLog,
    private readonly mail: MailService,
    private readonly events: EventsService,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
    private readonly settings: InviteSettings,
  ) {}

  async deliver(reminderId: string): Promise<'sent' | 'stale'> {
    const reminder = await this.reminders.claim(reminderId);
    const booking = reminder && (await this.bookings.bookingState(reminder.bookingId));
    if (!reminder || !booking || !stillCurrent(reminder, booking, await this.reminders.offsetsOf(booking.eventId))) {
      await this.reminders.cancelIfPending(reminderId);
      this.logger.log({ reminderId }, 'Reminder dropped: the booking changed or it was already sent');
      return 'stale';
    }
    try {
      const [event] = await this.events.findByIds([booking.eventId]);
      const [student] = await this.students.findByIds([booking.studentId]);
      const [volunteer] = await this.volunteers.findByIds([booking.volunteerId]);
      const toStudent = reminder.recipientRole === 'student';
      const mail = renderReminderMail({
        reminderId: reminder.id,
        domain: this.settings.messageIdDomain,
        offsetMinutes: reminder.offsetMinutes,
        recipientRole: reminder.recipientRole,
        recipient: toStudent ? student : volunteer,
        counterpartName: toStudent ? volunteer.name : student.name,
        event,
        startsAt: booking.startsAt,
        interviewUrl: pageLinks.interview(this.settings.publicUrl, booking.id),
        brand: this.settings.brandName,
      });
      await this.mail.send(mail);
      await this.reminders.markSent(reminder.id);
      return 'sent';
    } catch (error) {
      await this.reminders.markRetry(reminder.id);
      throw error;
    }
  }
}
