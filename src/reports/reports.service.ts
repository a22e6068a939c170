import { Injectable } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { FeedbackService } from '../feedback/feedback.service';
import { FloorService } from '../floor/floor.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { EventReport, FillOverTime } from './dto/report.dto';
import type { Event } from '../events/entities/event.entity';
import { fillBuckets } from './fill-series';
import { rate } from './report-csv';
import { buildReport } from './report-builder';
import { buildFeedback } from './report-feedback';
import { spreadsheetTime, toCsvFile } from '../common/csv/csv-writer';
import { ReportsRepository } from './reports.repository';

const STAT_COLUMNS = ['slotsOffered', 'booked', 'fillRate', 'attended', 'noShows', 'unmarked', 'attendanceRate', 'noShowRate'] as const;

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly events: EventsService,
    private readonly floor: FloorService,
    private readonly feedback: FeedbackService,
    private readonly volunteers: VolunteersService,
  ) {}

  async report(eventId: string): Promise<EventReport> {
    return this.reportOf(await this.events.findOrFail(eventId));
  }

  private async reportOf(event: Event): Promise<EventReport> {
    const eventId = event.id;
    const [volunteers, students, exhibitors, feedback, criteria, firstBookingAt] = await Promise.all([
      this.reports.byVolunteer(eventId),
      this.reports.registeredStudents(eventId),
      this.reports.exhibitorCount(eventId),
      this.reports.feedback(eventId),
      this.feedback.criteriaOf(eventId),
      this.reports.firstBookingAt(eventId),
    ]);
    // Feedback names every volunteer who sent some, also one no longer holding slots here.
    const named = new Map(volunteers.map((v) => [v.volunteerId, v.name]));
    const missing = [...feedback.forms.keys()].filter((id) => !named.has(id));
    for (const v of missing.length ? await this.volunteers.findByIds(missing) : []) named.set(v.id, v.name);
    const built = buildReport(volunteers, students, exhibitors);
    const now = new Date();
    return {
      eventId,
      eventName: event.name,
      generatedAt: now.toISOString(),
      ...built,
      feedback: buildFeedback(feedback.scores, feedback.forms, criteria, named),
      fillOverTime: await this.fillOverTime(event, built.totals.slotsOffered, firstBookingAt, now),
    };
  }

  /** Issue 13: the fill rate sampled from booking opening to now (or the event's end). */
  private async fillOverTime(event: Event, slotsOffered: number, firstBookingAt: Date | null, now: Date): Promise<FillOverTime> {
    const from = firstBookingAt && firstBookingAt < event.bookingOpensAt ? firstBookingAt : event.bookingOpensAt;
    const to = now < event.endsAt ? now : event.endsAt;
    const { stepMinutes, instants } = fillBuckets(from, to);
    const held = await this.reports.heldAt(event.id, instants);
    return { stepMinutes, points: instants.map((at, i) => ({ at: at.toISOString(), booked: held[i], fillRate: rate(held[i], slotsOffered) })) };
  }

  /** The same figures as one flat table: a `section` column says which breakdown a row is. */
  async reportCsv(eventId: string): Promise<string> {
    const event = await this.events.findOrFail(eventId);
    const r = await this.reportOf(event);
    // Issue 12: the last two columns are feedback (forms or scores, and their mean 1-4).
    const header = ['section', 'group', 'registeredStudents', 'checkedInStudents', 'exhibitors', 'volunteers', ...STAT_COLUMNS, 'feedbackResponses', 'feedbackAverage'];
    const stats = (s: Partial<Record<(typeof STAT_COLUMNS)[number], number | null>>) => STAT_COLUMNS.map((c) => s[c] ?? null);
    const t = r.totals;
    const fb = r.feedback;
    const byVolunteer = new Map(fb.byVolunteer.map((v) => [v.volunteerId, v]));
    const noStats = stats({});
    const rows = [
      ['event', r.eventName, t.registeredStudents, t.checkedInStudents, t.exhibitors, t.volunteers, ...stats(t), fb.responses, fb.average],
      ...r.byVolunteer.map((v) => [
        'volunteer',
        v.organization ? `${v.name} (${v.organization})` : v.name,
        null,
        null,
        null,
        null,
        ...stats(v),
        byVolunteer.get(v.volunteerId)?.responses ?? 0,
        byVolunteer.get(v.volunteerId)?.average ?? null,
      ]),
      ...r.byExpertise.map((e) => ['expertise', e.expertise, null, null, null, null, ...stats(e), null, null]),
      ...r.byMajorAndYear.map((c) => [
        'major_year',
        `${c.major ?? '(no major)'} / ${c.graduationYear ?? '(no year)'}`,
        c.registeredStudents,
        c.checkedInStudents,
        null,
        null,
        ...stats({ booked: c.booked, attended: c.attended, noShows: c.noShows, attendanceRate: c.attendanceRate, noShowRate: c.noShowRate }),
        null,
        null,
      ]),
      ...fb.criteria.map((c) => ['feedback_criterion', c.label, null, null, null, null, ...noStats, c.responses, c.average]),
      ...fb.byVolunteer.flatMap((v) =>
        v.criteria.map((c) => ['feedback_volunteer_criterion', `${v.name} / ${c.label}`, null, null, null, null, ...noStats, c.responses, c.average]),
      ),
      // Issue 13: the fill rate over time, each point's time in the event's zone.
      ...r.fillOverTime.points.map((p) => [
        'fill_over_time',
        spreadsheetTime(new Date(p.at), event.timezone),
        null,
        null,
        null,
        null,
        ...stats({ slotsOffered: t.slotsOffered, booked: p.booked, fillRate: p.fillRate }),
        null,
        null,
      ]),
    ];
    return toCsvFile(header, rows);
  }

  /** The interview schedule for printing, in the event's time zone, with each table. */
  async scheduleCsv(eventId: string): Promise<string> {
    const event = await this.events.findOrFail(eventId);
    const [rows, locate] = await Promise.all([this.reports.schedule(eventId), this.floor.locator(eventId)]);
    return toCsvFile(
      ['startsAt', 'endsAt', 'table', 'volunteer', 'organization', 'student', 'studentNumber'],
      rows.map((b) => [
        spreadsheetTime(b.startsAt, event.timezone),
        spreadsheetTime(b.endsAt, event.timezone),
        locate(b.volunteerId, b.startsAt),
        b.volunteerName,
        b.organization,
        b.studentName,
        b.studentNumber,
      ]),
    );
  }
}
