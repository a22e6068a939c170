import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BookingChangeLog } from '../bookings/booking-change-log';
import { Catalogues, DEFAULT_LOCALE, translator } from '../common/i18n/catalogue';
import { pageLinks } from '../common/http/page-links';
import { Environment } from '../config/environment';
import { Database } from '../database/database';
import { EventsService } from '../events/events.service';
import { MailService } from '../mail/mail.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { RelayLoop } from '../queue/relay-loop';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { feedbackRequestMail } from './feedback-mail';
import { FeedbackRepository } from './feedback.repository';

const PLANNED_PER_PASS = 500;
/** The job outbox drops a delayed job's row an hour after it was due; past that, the sweep hands it over again. */
const SWEEP_AFTER_SECONDS = 3600;

/**
 * Worker side of feedback requests (issue 12). Each pass plans a request for every confirmed
 * interview that has none (or whose time moved), and commits its delayed job through the job
 * outbox in the same transaction, due when the interview ends; the relay hands it to Redis. A
 * sweep hands over again requests still unsent long after they were due (Redis lost the job
 * after the outbox gave up on it). The job re-reads the booking and sends once: the request row
 * remembers that it went.
 */
@Injectable()
export class FeedbackRequestsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FeedbackRequestsService.name);
  private readonly loop: RelayLoop;

  constructor(
    private readonly db: Database,
    private readonly requests: FeedbackRepository,
    private readonly queue: JobQueueService,
    private readonly changes: BookingChangeLog,
    private readonly events: EventsService,
    private readonly volunteers: VolunteersService,
    private readonly students: StudentsService,
    private readonly mail: MailService,
    private readonly catalogues: Catalogues,
    private readonly env: Environment,
  ) {
    this.loop = new RelayLoop(() => this.pass(), env.INVITE_RELAY_INTERVAL_MS, {
      failed: (error) => this.logger.warn({ err: error }, 'Feedback request pass failed; retrying'),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass: plan new requests (with their delayed jobs), then sweep overdue ones. */
  async pass(): Promise<number> {
    const planned = await this.db.transaction(async (tx) => {
      const rows = await this.requests.planRequests(tx, PLANNED_PER_PASS);
      for (const row of rows) {
        await this.queue.enqueueDurably(JobName.SendFeedbackRequest, { bookingId: row.bookingId }, `feedback-${row.bookingId}-${row.dueAt.getTime()}`, tx, row.dueAt);
      }
      return rows.length;
    });
    const overdue = await this.requests.overdue(SWEEP_AFTER_SECONDS + this.env.QUEUE_RECOVERY_SECONDS, PLANNED_PER_PASS);
    // At most one hand-over per request and hour: the hour is part of the job id.
    const hour = Math.floor(Date.now() / 3600_000);
    for (const row of overdue) await this.queue.enqueueDurably(JobName.SendFeedbackRequest, { bookingId: row.bookingId }, `feedback-${row.bookingId}-sweep-${hour}`);
    if (overdue.length) this.logger.warn({ bookings: overdue.map((r) => r.bookingId) }, 'Overdue feedback requests handed over again');
    // Straight on only with a backlog (a full batch): during a booking rush every pass finds a
    // few new bookings, and a pass back to back each time would scan bookings without pause.
    return planned === PLANNED_PER_PASS ? planned : 0;
  }

  /** The job: mails the volunteer a link to the form, once, after the interview has ended. */
  async send(bookingId: string): Promise<'sent' | 'skipped'> {
    const [booking, request] = await Promise.all([this.changes.bookingState(bookingId), this.requests.request(bookingId)]);
    // Cancelled, gone, already asked, or moved later (its new time has its own job).
    if (!booking || booking.status !== 'confirmed' || !request || request.sentAt || booking.endsAt > new Date()) return 'skipped';
    const [event, volunteer, student] = await Promise.all([
      this.events.findOrFail(booking.eventId),
      this.volunteers.findOrFail(booking.volunteerId),
      this.students.findOrFail(booking.studentId),
    ]);
    const t = translator(DEFAULT_LOCALE, this.catalogues.messages(DEFAULT_LOCALE));
    const mail = feedbackRequestMail(t, {
      volunteerName: volunteer.name,
      studentName: student.name,
      eventName: event.name,
      formUrl: pageLinks.feedback(this.env.PUBLIC_URL, bookingId),
      brand: this.env.BRAND_NAME,
    });
    await this.mail.send({ to: { name: volunteer.name, address: volunteer.email }, ...mail });
    await this.requests.markSent(bookingId);
    return 'sent';
  }
}
