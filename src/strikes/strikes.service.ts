import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { toZonedIso } from '../common/time/zoned';
import { constraintOf } from '../common/errors/pg-errors';
import type { Tx } from '../database/database';
import { EventsService } from '../events/events.service';
import { StudentsService } from '../students/students.service';
import type { AttendanceMark } from './strike-rules';
import { strikeViews, zoneOf } from './strike-rules';
import { AddStrikeDto, StrikeLedgerEntry, StrikeStandingResponse, StudentStrikesResponse } from './dto/strike.dto';
import type { StrikeCause, StrikeEntryKind } from './entities/strike-entry.entity';
import { STRIKE_CONSTRAINTS, StrikeErrors } from './strikes.errors';
import { EntryRow, StrikesRepository } from './strikes.repository';

/** A booking as the ledger needs it. */
export interface StrikeBooking {
  id: string;
  studentId: string;
  eventId: string;
  startsAt: Date;
}

/**
 * The no-show strike ledger (issue 12): strikes from no-shows and a student's late
 * cancellations, strikes staff add, excuse and clear, and whether a student may still book
 * themselves. The ledger is append-only (the database refuses edits); every line says who,
 * when and why. Features that make strikes (bookings' cancellations, attendance) call in
 * their own transaction; the booking claim reads the `strike_blocks` view in its statement.
 */
@Injectable()
export class StrikesService {
  constructor(
    private readonly strikes: StrikesRepository,
    private readonly students: StudentsService,
    private readonly events: EventsService,
  ) {}

  /** For bookings, in the cancellation's transaction: a student's own cancellation inside the late window is a strike. */
  recordLateCancellation(tx: Tx, booking: StrikeBooking): Promise<boolean> {
    return this.strikes.lateCancellation(tx, booking);
  }

  /**
   * For attendance, in the mark's transaction (holding the attendance row): a no-show is a
   * strike (once per booking); a correction to attended excuses it, by whoever corrected it.
   */
  async followAttendance(tx: Tx, booking: StrikeBooking, mark: AttendanceMark, by: Principal): Promise<void> {
    if (mark === 'no_show') await this.strikes.noShow(tx, booking, by);
    else await this.strikes.excuseNoShow(tx, booking.id, by);
  }

  /** STRIKE_LIMIT when the student may not book themselves in this event (preferences, pages). */
  async assertMayBookSelf(studentId: string, eventId: string): Promise<void> {
    if (await this.strikes.block(studentId, eventId)) throw StrikeErrors.limit();
  }

  /** The student's own view: their strikes, why, and whether they are blocked. */
  async standingOf(studentId: string): Promise<StrikeStandingResponse> {
    const entries = await this.strikes.entriesOf(studentId);
    return this.standing(studentId, entries);
  }

  /** Staff: the standing plus the whole ledger. */
  async ledgerOf(studentId: string): Promise<StudentStrikesResponse> {
    await this.students.findOrFail(studentId);
    const entries = await this.strikes.entriesOf(studentId);
    const [standing, zones] = await Promise.all([this.standing(studentId, entries), this.zones(entries)]);
    return { ...standing, ledger: entries.map((e) => ledgerEntry(e, zones)) };
  }

  async add(studentId: string, dto: AddStrikeDto, by: Principal): Promise<StudentStrikesResponse> {
    await this.students.findOrFail(studentId);
    if (dto.eventId) await this.events.findOrFail(dto.eventId);
    await this.write(() => this.strikes.add(studentId, dto.eventId ?? null, dto.occurredAt ?? null, dto.reason, by));
    return this.ledgerOf(studentId);
  }

  async excuse(studentId: string, strikeId: string, reason: string, by: Principal): Promise<StudentStrikesResponse> {
    await this.students.findOrFail(studentId);
    if (!/^\d{1,18}$/.test(strikeId)) throw StrikeErrors.strikeNotFound();
    const row = await this.write(() => this.strikes.excuse(studentId, strikeId, reason, by));
    if (!row) throw StrikeErrors.strikeNotFound();
    return this.ledgerOf(studentId);
  }

  async clear(studentId: string, reason: string, by: Principal): Promise<StudentStrikesResponse> {
    await this.students.findOrFail(studentId);
    await this.write(() => this.strikes.clear(studentId, reason, by));
    return this.ledgerOf(studentId);
  }

  private async write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const constraint = constraintOf(error) as keyof typeof STRIKE_CONSTRAINTS | undefined;
      if (constraint && constraint in STRIKE_CONSTRAINTS) throw STRIKE_CONSTRAINTS[constraint]();
      throw error;
    }
  }

  private async standing(studentId: string, entries: EntryRow[]): Promise<StrikeStandingResponse> {
    const [standing, zones] = await Promise.all([this.strikes.standing(studentId), this.zones(entries)]);
    const names = zones.names;
    return {
      studentId,
      activeStrikes: standing.strikes,
      limit: standing.strike_limit,
      periodFrom: standing.window_from.toISOString(),
      periodTo: standing.window_to?.toISOString() ?? null,
      blocked: standing.strike_limit > 0 && standing.strikes >= standing.strike_limit,
      strikes: strikeViews(entries, { from: standing.window_from, to: standing.window_to }, zones.zones, names),
    };
  }

  /** Each event's zone and name, for the times and labels of the lines that name one. */
  private async zones(entries: EntryRow[]) {
    const ids = [...new Set(entries.map((e) => e.event_id).filter((id): id is string => id !== null))];
    const events = ids.length ? await this.events.findByIds(ids) : [];
    return { zones: new Map(events.map((e) => [e.id, e.timezone])), names: new Map(events.map((e) => [e.id, e.name])) };
  }
}

function ledgerEntry(e: EntryRow, zones: { zones: Map<string, string> }): StrikeLedgerEntry {
  const zone = zoneOf(e.event_id, zones.zones);
  return {
    id: e.id,
    kind: e.kind as StrikeEntryKind,
    cause: e.cause as StrikeCause | null,
    strikeId: e.strike_id,
    eventId: e.event_id,
    bookingId: e.booking_id,
    occurredAt: toZonedIso(e.occurred_at, zone),
    reason: e.reason,
    recordedBy: { id: e.recorded_by, role: e.recorded_by_role },
    recordedAt: toZonedIso(e.recorded_at, zone),
  };
}
