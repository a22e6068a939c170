import { HttpStatus, Injectable } from '@nestjs/common';
import { BookingsService } from '../bookings/bookings.service';
import type { Booking } from '../bookings/entities/booking.entity';
import { isStaff, Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain-error';
import { constraintOf } from '../common/errors/pg-errors';
import { toZonedIso } from '../common/time/zoned';
import { EventsService } from '../events/events.service';
import { FeedbackResponse, PutRubricDto, RubricResponse, SubmitFeedbackDto } from './dto/feedback.dto';
import type { RubricCriterion } from './entities/feedback.entity';
import { checkScores, DEFAULT_RUBRIC, EDIT_WINDOW_MS } from './feedback-rules';
import { EDIT_WINDOW_CONSTRAINT, FeedbackErrors } from './feedback.errors';
import { FeedbackRepository } from './feedback.repository';

/**
 * Feedback after an interview (issue 12): each event's rubric, and the one feedback a booking's
 * volunteer gives once it has ended (editable for 7 days), which its student reads.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly bookings: BookingsService,
    private readonly events: EventsService,
  ) {}

  /** The event's criteria, or the default rubric. */
  async criteriaOf(eventId: string): Promise<RubricCriterion[]> {
    return (await this.feedback.rubric(eventId)) ?? DEFAULT_RUBRIC;
  }

  async getRubric(eventId: string): Promise<RubricResponse> {
    await this.events.findOrFail(eventId);
    const own = await this.feedback.rubric(eventId);
    return { eventId, criteria: own ?? DEFAULT_RUBRIC, isDefault: !own };
  }

  async putRubric(eventId: string, dto: PutRubricDto): Promise<RubricResponse> {
    await this.events.findOrFail(eventId);
    const keys = dto.criteria.map((c) => c.key);
    if (new Set(keys).size !== keys.length) throw FeedbackErrors.invalidScores(['criteria: each key once']);
    await this.feedback.putRubric(eventId, dto.criteria.map(({ key, label }) => ({ key, label })));
    return this.getRubric(eventId);
  }

  /** The booking's feedback for its student, its volunteer or staff; NOT_FOUND for anyone else. */
  async get(bookingId: string, principal: Principal): Promise<FeedbackResponse> {
    const booking = await this.bookings.findOrFail(bookingId);
    if (!isPartyOrStaff(booking, principal)) throw notFound('Booking');
    return this.view(booking);
  }

  /**
   * The booking's volunteer, once the interview has ended: the first time creates it (201), a
   * later one within 7 days replaces scores and comment (200), after that FEEDBACK_LOCKED.
   */
  async submit(bookingId: string, dto: SubmitFeedbackDto, principal: Principal): Promise<{ status: HttpStatus; body: FeedbackResponse }> {
    const booking = await this.bookings.findOrFail(bookingId);
    if (principal.role !== 'volunteer' || booking.volunteerId !== principal.id) throw notFound('Booking');
    if (booking.status !== 'confirmed') throw FeedbackErrors.bookingCancelled();
    if (booking.endsAt > new Date()) throw FeedbackErrors.notEnded();
    const existing = await this.feedback.feedback(bookingId);
    if (existing && Date.now() > existing.submittedAt.getTime() + EDIT_WINDOW_MS) throw FeedbackErrors.locked();
    const problems = checkScores(await this.criteriaOf(booking.eventId), dto.scores);
    if (problems.length) throw FeedbackErrors.invalidScores(problems);
    let created: boolean;
    try {
      created = await this.feedback.save(booking, dto.comment ?? '', dto.scores);
    } catch (error) {
      if (constraintOf(error) === EDIT_WINDOW_CONSTRAINT) throw FeedbackErrors.locked();
      throw error;
    }
    return { status: created ? HttpStatus.CREATED : HttpStatus.OK, body: await this.view(booking) };
  }

  private async view(booking: Booking): Promise<FeedbackResponse> {
    const [event, criteria, stored] = await Promise.all([this.events.findOrFail(booking.eventId), this.criteriaOf(booking.eventId), this.feedback.feedback(booking.id)]);
    const at = (d: Date) => toZonedIso(d, event.timezone);
    const labels = new Map(criteria.map((c) => [c.key, c.label]));
    return {
      bookingId: booking.id,
      eventId: booking.eventId,
      criteria,
      submitted: Boolean(stored),
      // In the rubric's order; a criterion since removed from the rubric keeps its key as label.
      scores: stored
        ? Object.entries(stored.scores)
            .map(([criterion, score]) => ({ criterion, label: labels.get(criterion) ?? criterion, score }))
            .sort((a, b) => order(criteria, a.criterion) - order(criteria, b.criterion))
        : [],
      comment: stored?.comment ?? null,
      submittedAt: stored ? at(stored.submittedAt) : null,
      updatedAt: stored ? at(stored.updatedAt) : null,
      editableUntil: stored ? at(new Date(stored.submittedAt.getTime() + EDIT_WINDOW_MS)) : null,
    };
  }
}

const order = (criteria: RubricCriterion[], key: string) => {
  const i = criteria.findIndex((c) => c.key === key);
  return i === -1 ? criteria.length : i;
};

function isPartyOrStaff(booking: Booking, principal: Principal): boolean {
  if (principal.role === 'student') return booking.studentId === principal.id;
  if (principal.role === 'volunteer') return booking.volunteerId === principal.id;
  return isStaff(principal);
}
