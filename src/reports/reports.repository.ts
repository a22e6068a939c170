import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';

export interface VolunteerRow {
  volunteerId: string;
  name: string;
  organization: string;
  expertise: string[];
  slotsOffered: number;
  booked: number;
  attended: number;
  noShows: number;
}

export interface StudentRow {
  major: string | null;
  graduationYear: number | null;
  checkedIn: boolean;
  booked: number;
  attended: number;
  noShows: number;
}

export interface ScheduleRow {
  startsAt: Date;
  endsAt: Date;
  volunteerId: string;
  volunteerName: string;
  organization: string;
  studentName: string;
  studentNumber: string | null;
}

/** Issue 12: one volunteer's scores for one criterion at the event. */
export interface FeedbackScoreRow {
  volunteerId: string;
  criterion: string;
  responses: number;
  sum: number;
}

/**
 * Read-only reporting queries. This is the one module that reads other features' tables
 * directly: a report joins all of them, and going through each service would mean a query
 * per row. It never writes.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Database) {}

  async byVolunteer(eventId: string): Promise<VolunteerRow[]> {
    const rows: { id: string; name: string; organization: string; expertise: string[]; slots: number; booked: number; attended: number; no_shows: number }[] =
      await this.db.query(
        `SELECT v.id, v.name, v.organization, v.expertise,
                count(s.id)::int AS slots,
                count(b.id)::int AS booked,
                count(a.booking_id) FILTER (WHERE a.status = 'attended')::int AS attended,
                count(a.booking_id) FILTER (WHERE a.status = 'no_show')::int AS no_shows
           FROM slots s
           JOIN volunteers v ON v.id = s.volunteer_id
           LEFT JOIN bookings b ON b.slot_id = s.id AND b.status = 'confirmed'
           LEFT JOIN attendance a ON a.booking_id = b.id
          WHERE s.event_id = $1
          GROUP BY v.id
          ORDER BY lower(v.name), v.id`,
        [eventId],
      );
    return rows.map((r) => ({
      volunteerId: r.id,
      name: r.name,
      organization: r.organization,
      expertise: r.expertise,
      slotsOffered: r.slots,
      booked: r.booked,
      attended: r.attended,
      noShows: r.no_shows,
    }));
  }

  /** Students with a confirmed interview, a check-in code or a check-in at the event. */
  async registeredStudents(eventId: string): Promise<StudentRow[]> {
    const rows: { major: string | null; graduation_year: number | null; checked_in: boolean; booked: number; attended: number; no_shows: number }[] =
      await this.db.query(
        `WITH registered AS (
           SELECT student_id FROM bookings WHERE event_id = $1 AND status = 'confirmed'
           UNION SELECT student_id FROM check_in_codes WHERE event_id = $1
           UNION SELECT student_id FROM check_ins WHERE event_id = $1)
         SELECT st.major, st.graduation_year,
                EXISTS (SELECT 1 FROM check_ins ci WHERE ci.event_id = $1 AND ci.student_id = st.id) AS checked_in,
                count(b.id)::int AS booked,
                count(a.booking_id) FILTER (WHERE a.status = 'attended')::int AS attended,
                count(a.booking_id) FILTER (WHERE a.status = 'no_show')::int AS no_shows
           FROM registered r
           JOIN students st ON st.id = r.student_id
           LEFT JOIN bookings b ON b.student_id = st.id AND b.event_id = $1 AND b.status = 'confirmed'
           LEFT JOIN attendance a ON a.booking_id = b.id
          GROUP BY st.id`,
        [eventId],
      );
    return rows.map((r) => ({
      major: r.major,
      graduationYear: r.graduation_year,
      checkedIn: r.checked_in,
      booked: r.booked,
      attended: r.attended,
      noShows: r.no_shows,
    }));
  }

  /** Issue 12: feedback scores per volunteer and criterion, and forms per volunteer. */
  async feedback(eventId: string): Promise<{ scores: FeedbackScoreRow[]; forms: Map<string, number> }> {
    const [scores, forms] = await Promise.all([
      this.db.query<{ volunteer_id: string; criterion: string; responses: number; sum: number }[]>(
        `SELECT f.volunteer_id, s.criterion, count(*)::int AS responses, sum(s.score)::int AS sum
           FROM interview_feedback f JOIN feedback_scores s ON s.booking_id = f.booking_id
          WHERE f.event_id = $1
          GROUP BY f.volunteer_id, s.criterion`,
        [eventId],
      ),
      this.db.query<{ volunteer_id: string; n: number }[]>(`SELECT volunteer_id, count(*)::int AS n FROM interview_feedback WHERE event_id = $1 GROUP BY volunteer_id`, [eventId]),
    ]);
    return {
      scores: scores.map((r) => ({ volunteerId: r.volunteer_id, criterion: r.criterion, responses: r.responses, sum: r.sum })),
      forms: new Map(forms.map((r) => [r.volunteer_id, r.n])),
    };
  }

  /**
   * Issue 13: confirmed bookings held at each instant, from each booking's creation and
   * cancellation times (a move keeps a booking held), and the event's first booking.
   */
  async heldAt(eventId: string, instants: Date[]): Promise<number[]> {
    if (!instants.length) return [];
    const rows: { booked: number }[] = await this.db.query(
      `SELECT count(b.id)::int AS booked
         FROM unnest($2::timestamptz[]) WITH ORDINALITY AS t(at, n)
         LEFT JOIN bookings b ON b.event_id = $1 AND b.created_at <= t.at AND (b.cancelled_at IS NULL OR b.cancelled_at > t.at)
        GROUP BY t.n
        ORDER BY t.n`,
      [eventId, instants],
    );
    return rows.map((r) => r.booked);
  }

  async firstBookingAt(eventId: string): Promise<Date | null> {
    const [row]: { first: Date | null }[] = await this.db.query(`SELECT min(created_at) AS first FROM bookings WHERE event_id = $1`, [eventId]);
    return row.first;
  }

  async exhibitorCount(eventId: string): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(`SELECT count(*)::int AS n FROM exhibitors WHERE event_id = $1`, [eventId]);
    return row.n;
  }

  async schedule(eventId: string): Promise<ScheduleRow[]> {
    const rows: { starts_at: Date; ends_at: Date; volunteer_id: string; volunteer_name: string; organization: string; student_name: string; student_number: string | null }[] =
      await this.db.query(
        `SELECT b.starts_at, b.ends_at, v.id AS volunteer_id, v.name AS volunteer_name, v.organization,
                st.name AS student_name, st.student_number
           FROM bookings b
           JOIN volunteers v ON v.id = b.volunteer_id
           JOIN students st ON st.id = b.student_id
          WHERE b.event_id = $1 AND b.status = 'confirmed'
          ORDER BY b.starts_at, lower(v.name), b.id`,
        [eventId],
      );
    return rows.map((r) => ({
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      volunteerId: r.volunteer_id,
      volunteerName: r.volunteer_name,
      organization: r.organization,
      studentName: r.student_name,
      studentNumber: r.student_number,
    }));
  }
}
