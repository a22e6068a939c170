import { Injectable } from '@nestjs/common';
import { BookingsService } from '../bookings/bookings.service';
import type { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain-error';
import { toZonedIso } from '../common/time/zoned';
import { Database } from '../database/database';
import { EventsService } from '../events/events.service';
import { StrikesService } from '../strikes/strikes.service';
import { StudentsService } from '../students/students.service';
import { AttendanceErrors } from './attendance.errors';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceResponse, MarkAttendanceDto, StudentAttendanceResponse } from './dto/attendance.dto';
import type { AttendanceStatus } from './entities/attendance.entity';

@Injectable()
export class AttendanceService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly bookings: BookingsService,
    private readonly students: StudentsService,
    private readonly events: EventsService,
    private readonly strikes: StrikesService,
    private readonly db: Database,
  ) {}

  /**
   * Staff, or the volunteer who gives the interview; another volunteer gets NOT_FOUND, as for
   * bookings. Only once the interview has started (ATTENDANCE_NOT_STARTED before); from then on
   * a second mark corrects the first, at any time. A no-show is a strike in the same
   * transaction, and a correction to attended excuses it (issue 12).
   */
  async mark(bookingId: string, dto: MarkAttendanceDto, principal: Principal): Promise<AttendanceResponse> {
    const booking = await this.bookings.findOrFail(bookingId);
    if (principal.role === 'volunteer' && booking.volunteerId !== principal.id) throw notFound('Booking');
    if (booking.status !== 'confirmed') throw AttendanceErrors.bookingCancelled();
    if (booking.startsAt > new Date()) throw AttendanceErrors.notStarted();
    const [row, event] = await Promise.all([
      this.db.transaction(async (tx) => {
        const marked = await this.attendance.mark(tx, booking.id, booking.studentId, dto.status, principal.id);
        await this.strikes.followAttendance(tx, booking, dto.status, principal);
        return marked;
      }),
      this.events.findOrFail(booking.eventId),
    ]);
    return { ...row, markedAt: toZonedIso(row.markedAt, event.timezone) };
  }

  /** How these bookings were marked (unmarked ones are absent), for their volunteer's schedule. */
  marksFor(bookingIds: string[]): Promise<Map<string, AttendanceStatus>> {
    return this.attendance.findForBookings(bookingIds);
  }

  /** A student's record across all events, so staff can spot repeat no-shows. */
  async forStudent(studentId: string): Promise<StudentAttendanceResponse> {
    await this.students.findOrFail(studentId);
    const [counts, noShowIds] = await Promise.all([this.attendance.countsForStudent(studentId), this.attendance.noShowBookingsOf(studentId)]);
    const bookings = await Promise.all(noShowIds.map((id) => this.bookings.findOrFail(id)));
    bookings.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
    const zones = new Map((await this.events.findByIds([...new Set(bookings.map((b) => b.eventId))])).map((e) => [e.id, e.timezone]));
    return {
      studentId,
      attended: counts.attended,
      noShows: counts.noShows,
      noShowEvents: new Set(bookings.map((b) => b.eventId)).size,
      noShowBookings: bookings.map((b) => ({ bookingId: b.id, eventId: b.eventId, startsAt: toZonedIso(b.startsAt, zones.get(b.eventId) ?? 'UTC') })),
    };
  }
}
