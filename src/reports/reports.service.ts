import { Injectable } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { FloorService } from '../floor/floor.service';
import { EventReport } from './dto/report.dto';
import { buildReport } from './report-builder';
import { spreadsheetTime, toCsvFile } from '../common/csv/csv-writer';
import { ReportsRepository } from './reports.repository';

const STAT_COLUMNS = ['slotsOffered', 'booked', 'fillRate', 'attended', 'noShows', 'unmarked', 'attendanceRate', 'noShowRate'] as const;

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly events: EventsService,
    private readonly floor: FloorService,
  ) {}

  async report(eventId: string): Promise<EventReport> {
    const event = await this.events.findOrFail(eventId);
    const [volunteers, students, exhibitors] = await Promise.all([
      this.reports.byVolunteer(eventId),
      this.reports.registeredStudents(eventId),
      this.reports.exhibitorCount(eventId),
    ]);
    return { eventId, eventName: event.name, generatedAt: new Date().toISOString(), ...buildReport(volunteers, students, exhibitors) };
  }

  /** The same figures as one flat table: a `section` column says which breakdown a row is. */
  async reportCsv(eventId: string): Promise<string> {
    const r = await this.report(eventId);
    const header = ['section', 'group', 'registeredStudents', 'checkedInStudents', 'exhibitors', 'volunteers', ...STAT_COLUMNS];
    const stats = (s: Partial<Record<(typeof STAT_COLUMNS)[number], number | null>>) => STAT_COLUMNS.map((c) => s[c] ?? null);
    const t = r.totals;
    const rows = [
      ['event', r.eventName, t.registeredStudents, t.checkedInStudents, t.exhibitors, t.volunteers, ...stats(t)],
      ...r.byVolunteer.map((v) => ['volunteer', v.organization ? `${v.name} (${v.organization})` : v.name, null, null, null, null, ...stats(v)]),
      ...r.byExpertise.map((e) => ['expertise', e.expertise, null, null, null, null, ...stats(e)]),
      ...r.byMajorAndYear.map((c) => [
        'major_year',
        `${c.major ?? '(no major)'} / ${c.graduationYear ?? '(no year)'}`,
        c.registeredStudents,
        c.checkedInStudents,
        null,
        null,
        ...stats({ booked: c.booked, attended: c.attended, noShows: c.noShows, attendanceRate: c.attendanceRate, noShowRate: c.noShowRate }),
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
