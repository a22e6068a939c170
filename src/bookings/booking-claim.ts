import { HttpStatus, Injectable } from '@nestjs/common';
import { isStaff, Principal } from '../common/auth/principal';
import { DomainError, forbidden, notFound } from '../common/errors/domain-error';
import { constraintOf } from '../common/errors/pg-errors';
import { KEY_TTL_HOURS, keyReused, legacyAnswer, parseIdempotencyKey, requestHash, StoredResponse } from '../common/idempotency/idempotency-key';
import { Database, Tx } from '../database/database';
import { StrikeErrors } from '../strikes/strikes.errors';
import { BookingChangeLog } from './booking-change-log';
import { BookingSnapshot, BookingView } from './booking-view';
import { CLAIM, CLAIM_WITH_KEY, DELETE_EXPIRED_KEY, READ_KEY, STORE_REFUSAL } from './booking-claim.sql';
import { BookingErrors } from './bookings.errors';
import { EligibilityErrors } from '../eligibility/eligibility.errors';
import type { IneligibleRule } from '../eligibility/eligibility.sql';
import type { BookingResponse, CreateBookingDto } from './dto/booking.dto';

/** A claim that lost without a visible cause (its competitor committed meanwhile) runs again. */
const CLAIM_ATTEMPTS = 3;

/** What the claim statement (or a check before it) can refuse with, and the error for each. */
const REFUSALS = {
  slot_not_found: () => notFound('Slot'),
  event_not_found: () => notFound('Event'),
  event_not_open: () => BookingErrors.closed('This event is not open for booking'),
  slot_started: () => BookingErrors.closed('This slot has already started'),
  booking_not_open_yet: () => BookingErrors.closed('Booking has not opened yet'),
  booking_closed: () => BookingErrors.closed('Booking has closed'),
  student_not_found: () => notFound('Student'),
  volunteer_not_found: () => notFound('Volunteer'),
  slot_taken: () => BookingErrors.slotTaken(),
  slot_held: () => BookingErrors.slotHeld(),
  already_booked: (r: StoredOutcome) => BookingErrors.alreadyBooked(r.heldBookingId ?? ''),
  organization_booked: () => BookingErrors.organizationBooked(),
  booking_limit: (r: StoredOutcome) => BookingErrors.limit(r.maxBookingsPerStudent ?? 1),
  booking_overlap: () => BookingErrors.overlap(),
  // Issue 12: cut-off, eligibility and the gap between one student's interviews.
  cutoff_passed: (r: StoredOutcome) => BookingErrors.cutoffPassed('book', r.cutoffMinutes ?? 0),
  not_eligible: (r: StoredOutcome) => EligibilityErrors.notEligible(r.rule as IneligibleRule),
  booking_too_close: (r: StoredOutcome) => BookingErrors.tooClose(r.minGapMinutes ?? 0),
  // Issue 12: the no-show strike limit (self-booking only).
  strike_limit: () => StrikeErrors.limit(),
  forbidden: () => forbidden('Students book for themselves only'),
  student_required: () => BookingErrors.studentRequired(),
} satisfies Record<string, (r: StoredOutcome) => DomainError>;

export type Refusal = keyof typeof REFUSALS;
type Verdict = Refusal | 'booked';

/** The claim's `response` column, and what a key stores (plus the verdict). */
interface StoredOutcome {
  verdict?: Verdict;
  booking?: BookingSnapshot;
  maxBookingsPerStudent?: number | null;
  /** already_booked: the student's booking of this slot. */
  heldBookingId?: string | null;
  /** Issue 12: not_eligible's rule; the event's gap and cut-off when it has them. */
  rule?: string;
  minGapMinutes?: number;
  cutoffMinutes?: number;
}

/** HTTP status per verdict, for the key rows the statement writes ($8). */
export const VERDICT_STATUS: Record<Verdict, number> = {
  booked: HttpStatus.CREATED,
  ...(Object.fromEntries(Object.entries(REFUSALS).map(([verdict, error]) => [verdict, error({}).status])) as Record<Refusal, number>),
};
const VERDICT_STATUS_JSON = JSON.stringify(VERDICT_STATUS);

/** A booking races a slot's deletion: the foreign keys name what went missing. */
const MISSING_BY_CONSTRAINT: Record<string, Refusal> = {
  bookings_slot_id_fkey: 'slot_not_found',
  bookings_event_id_fkey: 'event_not_found',
  bookings_student_id_fkey: 'student_not_found',
  bookings_volunteer_id_fkey: 'volunteer_not_found',
};
const KEY_TAKEN = 'idempotency_keys_pkey';
/** The trigger that holds an event's current booking limit (migration 1765200000001); its DETAIL is the limit. */
const LIMIT_TRIGGER = 'bookings_within_event_limit';
const limitOf = (error: unknown) => Number((error as { driverError?: { detail?: string } }).driverError?.detail) || 1;
/** Issue 12: the trigger that refuses a slot held by a waitlist offer (migration 1765650000000). */
const HELD_TRIGGER = 'bookings_slot_held';

interface Keyed {
  principalId: string;
  key: string;
  hash: string;
}

/**
 * First-come booking: one prepared statement per booking in the usual case, with or without
 * an Idempotency-Key (booking-claim.sql.ts). Every rule stays with PostgreSQL: the statement
 * reads and checks in one snapshot, and the constraints arbitrate the insert.
 */
@Injectable()
export class BookingClaims {
  constructor(
    private readonly db: Database,
    private readonly changes: BookingChangeLog,
  ) {}

  async book(dto: CreateBookingDto, principal: Principal, idempotencyKey?: string): Promise<StoredResponse> {
    const keyed = idempotencyKey === undefined ? undefined : { principalId: principal.id, key: parseIdempotencyKey(idempotencyKey), hash: requestHash(dto) };
    const student = studentFor(dto, principal);
    if (typeof student !== 'string') return this.refuse(student.refusal, keyed);
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      const last = attempt === CLAIM_ATTEMPTS;
      let row: { verdict: string | null; response: unknown; prior_request_hash?: string | null; prior_status_code?: number | null; prior_response?: unknown };
      try {
        const params = [dto.slotId, student, isStaff(principal), last];
        row = keyed
          ? (await this.db.run(CLAIM_WITH_KEY, [...params, keyed.principalId, keyed.key, keyed.hash, VERDICT_STATUS_JSON, KEY_TTL_HOURS]))[0]
          : (await this.db.run(CLAIM, params))[0];
      } catch (error) {
        const constraint = constraintOf(error);
        if (keyed && constraint === KEY_TAKEN) {
          // A request with the same key committed first (this statement was undone whole), or
          // an expired key is in the way.
          const answer = await this.answerStoredUnder(keyed);
          if (answer) return answer;
          continue;
        }
        const missing = constraint ? MISSING_BY_CONSTRAINT[constraint] : undefined;
        if (missing) return this.refuse(missing, keyed);
        // Staff lowered the limit while this statement ran (the trigger names the new one).
        if (constraint === LIMIT_TRIGGER) return this.refuse('booking_limit', keyed, { maxBookingsPerStudent: limitOf(error) });
        // An offer held the slot after this statement's snapshot was taken.
        if (constraint === HELD_TRIGGER) return this.refuse('slot_held', keyed);
        throw error;
      }
      if (keyed && row.prior_status_code != null) return this.replay(keyed, row.prior_request_hash!, row.prior_status_code, row.prior_response);
      if (row.verdict === null) continue;
      return this.answer(row.verdict as Verdict, row.response as StoredOutcome, false);
    }
    return this.refuse('slot_taken', keyed);
  }

  /**
   * Issue 12, for waitlist offers (src/waitlist), in the caller's transaction: the error the
   * student's own first-come booking of this slot would get now, or undefined if it would be
   * booked. The claim statement itself runs and is undone at once (a savepoint), so an offer
   * goes only to a student every rule of the claim lets book, whichever rules it holds.
   */
  async refusalIn(tx: Tx, slotId: string, studentId: string): Promise<DomainError | undefined> {
    await this.db.query('SAVEPOINT booking_check', [], tx);
    try {
      const { verdict, outcome } = await this.claimIn(tx, slotId, studentId);
      return verdict === 'booked' ? undefined : REFUSALS[verdict](outcome);
    } finally {
      await this.db.query('ROLLBACK TO SAVEPOINT booking_check', [], tx);
      await this.db.query('RELEASE SAVEPOINT booking_check', [], tx);
    }
  }

  /** Issue 12, an accepted offer: the student's first-come booking in the caller's transaction; a refusal is thrown. */
  async bookIn(tx: Tx, slotId: string, studentId: string): Promise<BookingResponse> {
    const { verdict, outcome } = await this.claimIn(tx, slotId, studentId);
    if (verdict !== 'booked') throw REFUSALS[verdict](outcome);
    this.db.afterCommit(tx, () => this.changes.announce());
    return BookingView.fromSnapshot(outcome.booking!);
  }

  /** The claim statement as a student books, in `tx`; a refusal PostgreSQL raises is returned as one (the transaction is then aborted). */
  private async claimIn(tx: Tx, slotId: string, studentId: string): Promise<{ verdict: Verdict; outcome: StoredOutcome }> {
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      let row;
      try {
        [row] = await this.db.run(CLAIM, [slotId, studentId, false, attempt === CLAIM_ATTEMPTS], tx);
      } catch (error) {
        const constraint = constraintOf(error);
        const missing = constraint ? MISSING_BY_CONSTRAINT[constraint] : undefined;
        if (missing) return { verdict: missing, outcome: {} };
        if (constraint === LIMIT_TRIGGER) return { verdict: 'booking_limit', outcome: { maxBookingsPerStudent: limitOf(error) } };
        if (constraint === HELD_TRIGGER) return { verdict: 'slot_held', outcome: {} };
        throw error;
      }
      if (row.verdict !== null) return { verdict: row.verdict as Verdict, outcome: row.response as StoredOutcome };
    }
    return { verdict: 'slot_taken', outcome: {} };
  }

  private answer(verdict: Verdict, outcome: StoredOutcome, replayed: boolean): StoredResponse {
    if (verdict === 'booked') {
      // The statement wrote the change-log row and has committed: tell the followers.
      if (!replayed) this.changes.announce();
      return { status: HttpStatus.CREATED, body: BookingView.fromSnapshot(outcome.booking!), replayed };
    }
    throw REFUSALS[verdict](outcome);
  }

  private replay(keyed: Keyed, hash: string, status: number, response: unknown): StoredResponse {
    if (hash !== keyed.hash) throw keyReused();
    const stored = response as StoredOutcome;
    return stored.verdict ? this.answer(stored.verdict, stored, true) : legacyAnswer(status, response);
  }

  /** After losing the key to another request: its answer, or undefined once an expired key is cleared. */
  private async answerStoredUnder(keyed: Keyed): Promise<StoredResponse | undefined> {
    const [row] = await this.db.run(READ_KEY, [keyed.principalId, keyed.key, KEY_TTL_HOURS]);
    if (row && !row.expired) return this.replay(keyed, row.request_hash, row.status_code, row.response);
    await this.db.run(DELETE_EXPIRED_KEY, [keyed.principalId, keyed.key, KEY_TTL_HOURS]);
    return undefined;
  }

  /** Refusals found outside the claim statement are answers too: stored under the key. */
  private async refuse(refusal: Refusal, keyed?: Keyed, outcome: StoredOutcome = {}): Promise<StoredResponse> {
    const error = REFUSALS[refusal](outcome);
    if (!keyed) throw error;
    let prior;
    try {
      [prior] = await this.db.run(STORE_REFUSAL, [keyed.principalId, keyed.key, keyed.hash, error.status, { ...outcome, verdict: refusal }, KEY_TTL_HOURS]);
    } catch (failure) {
      if (constraintOf(failure) !== KEY_TAKEN) throw failure;
      const answer = await this.answerStoredUnder(keyed);
      if (answer) return answer;
      throw error;
    }
    if (prior.prior_status_code != null) return this.replay(keyed, prior.prior_request_hash!, prior.prior_status_code, prior.prior_response);
    throw error;
  }
}

/** Students book for themselves; staff name the student. */
function studentFor(dto: CreateBookingDto, principal: Principal): string | { refusal: Refusal } {
  if (principal.role === 'student') return dto.studentId && dto.studentId !== principal.id ? { refusal: 'forbidden' } : principal.id;
  return dto.studentId ?? { refusal: 'student_required' };
}
