import { Injectable, Logger } from '@nestjs/common';
import { BookingChangeLog } from '../bookings/booking-change-log';
import { CheckInService } from '../check-in/check-in.service';
import { EventsService } from '../events/events.service';
import { FloorService } from '../floor/floor.service';
import { MailService } from '../mail/mail.service';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import type { OutboxMessage } from './entities/outbox-message.entity';
import { InviteSettings } from './invite-settings';
import { renderInviteMail } from './invite-mail';
import { InviteRelayService } from './invite-relay.service';
import { OutboxRepository } from './outbox.repository';

export type DeliveryOutcome = 'sent' | 'already-done' | 'waiting' | 'gone';

/** Content-ID of the check-in QR image in a confirmation (RFC 2392). */
const CHECK_IN_CID = 'check-in-code@fairgrid';

/** How often marking an accepted message sent is tried before giving up (over ~13 s). */
const MARK_SENT_TRIES = 8;

/**
 * Sends one outbox message. The row is claimed (`sending`) before the SMTP transaction and
 * marked `sent` the moment the server accepts it; a message that is already sent is never
 * sent again, and an error after the acceptance never turns into a resend. Only a worker
 * dying (or a database unreachable for longer than the retries) between the server's
 * acceptance and that update can repeat a message, and then with the same Message-ID, which
 * receivers use to drop the copy.
 */
@Injectable()
export class InviteDeliveryService {
  private readonly logger = new Logger(InviteDeliveryService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly bookings: BookingChangeLog,
    private readonly mail: MailService,
    private readonly events: EventsService,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
    private readonly settings: InviteSettings,
    private readonly floor: FloorService,
    private readonly relay: InviteRelayService,
    private readonly checkIns: CheckInService,
  ) {}

  async deliver(messageId: string): Promise<DeliveryOutcome> {
    const message = await this.outbox.claimForSending(messageId);
    if (!message) {
      const current = await this.outbox.findById(messageId);
      if (!current) return 'gone';
      return current.status === 'pending' ? 'waiting' : 'already-done';
    }
    const rendered = await this.render(message);
    // From here to markSent nothing else runs: that gap is the one a crash can repeat a message in.
    const accepted = await this.mail.send({
      to: rendered.to,
      subject: rendered.subject,
      messageId: rendered.messageId,
      text: rendered.text,
      html: rendered.html,
      // RFC 6047 §2.4: the iTIP object as an alternative of the body, its method= equal to METHOD.
      // Nodemailer adds the same object as the attachment invite.ics too, which Outlook and Gmail act on.
      icalEvent: { method: rendered.method, content: rendered.ics },
      attachments: rendered.inline.map((image) => ({ ...image, contentDisposition: 'inline' as const })),
    });
    await this.markSent(message.id);
    this.logger.log({ outboxId: message.id, method: message.method, sequence: message.sequence, smtp: accepted.response }, 'Invite sent');
    // A later message to this party (a cancel right after the invite) waited for this one.
    if (await this.outbox.hasLaterUnsent(message)) this.relay.kick('dispatch');
    return 'sent';
  }

  /**
   * The server has the message: a failing update must not let the job retry (and resend), so
   * it is tried again here, backing off from 100 ms, while the database comes back.
   */
  private async markSent(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.outbox.markSent(id);
      } catch (error) {
        if (attempt >= MARK_SENT_TRIES) throw error;
        this.logger.warn({ outboxId: id, err: error, attempt }, 'Accepted invite not yet marked sent; trying again');
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }

  async recordFailure(messageId: string, error: unknown, final: boolean): Promise<void> {
    await this.outbox.markAttemptFailed(messageId, error instanceof Error ? error.message : String(error), final);
  }

  private async render(message: OutboxMessage) {
    const booking = await this.bookings.bookingState(message.bookingId);
    if (!booking) throw new Error(`Booking ${message.bookingId} is gone`);
    const [event] = await this.events.findByIds([booking.eventId]);
    const [student] = await this.students.findByIds([booking.studentId]);
    const [volunteer] = await this.volunteers.findByIds(
      message.recipientRole === 'volunteer' ? [message.recipientId] : [booking.volunteerId],
    );
    if (!event || !student || !volunteer) throw new Error(`Booking ${booking.id} lost its event or a party`);
    const isUpdate = message.method === 'REQUEST' && (await this.outbox.hasEarlierRequest(message));
    // The venue, and the interview table once the floor plan places the volunteer there.
    const table = await this.floor.locationFor(event.id, booking.volunteerId, booking.startsAt);
    const location = [event.location, table].filter(Boolean).join(', ');
    const toStudent = message.recipientRole === 'student';
    // A student's first invite for a booking is its confirmation: it carries their check-in code.
    const confirmation = toStudent && message.method === 'REQUEST' && !isUpdate;
    const checkIn = confirmation ? await this.checkIns.qrFor(event.id, student.id) : undefined;
    const rendered = renderInviteMail({
      method: message.method,
      sequence: message.sequence,
      stamp: message.stamp,
      messageId: message.messageId,
      isUpdate,
      bookingId: booking.id,
      eventId: event.id,
      uidDomain: this.settings.messageIdDomain,
      publicUrl: this.settings.publicUrl,
      brand: this.settings.brandName,
      organizer: this.settings.organizerOf(event),
      event: { name: event.name, location, description: event.description, timezone: event.timezone },
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      recipientRole: message.recipientRole,
      recipient: toStudent ? { name: student.name, email: student.email } : { name: volunteer.name, email: volunteer.email },
      counterpart: toStudent
        ? { name: volunteer.name, organization: volunteer.organization, title: volunteer.title }
        : { name: student.name },
      checkIn: checkIn && { code: checkIn.code, cid: CHECK_IN_CID },
    });
    return { ...rendered, inline: checkIn ? [{ filename: 'check-in.png', content: checkIn.png, contentType: 'image/png', cid: CHECK_IN_CID }] : [] };
  }
}
