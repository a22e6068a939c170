import { Injectable } from '@nestjs/common';
import { spreadsheetTime, toCsvFile } from '../common/csv/csv-writer';
import { notFound } from '../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../common/http/pagination';
import { toZonedIso } from '../common/time/zoned';
import { EventsService } from '../events/events.service';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { AllocationRunsRepository } from './allocation-runs.repository';
import { AssignmentPage, AssignmentResponse, AssignmentsQuery } from './dto/allocation-run.dto';
import { AllocationAssignmentRow } from './entities/allocation-assignment.entity';

interface People {
  students: Map<string, { name: string; email: string }>;
  volunteers: Map<string, { name: string; organization: string }>;
}

/** A run's assignments as staff read them: with the names of both parties, as JSON pages or CSV. */
@Injectable()
export class AllocationAssignmentsService {
  constructor(
    private readonly runs: AllocationRunsRepository,
    private readonly events: EventsService,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
  ) {}

  async page(runId: string, query: AssignmentsQuery): Promise<AssignmentPage> {
    const timezone = await this.timezoneOf(runId);
    const after = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.runs.findAssignmentsPage(runId, query.limit + 1, after);
    const items = rows.slice(0, query.limit);
    const people = await this.peopleOf(items);
    const last = items.at(-1);
    return {
      items: items.map((a) => toResponse(a, timezone, people)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.startsAt.toISOString(), last.slotId]) : null,
    };
  }

  /**
   * Every assignment as a printable CSV, times in the event's zone. Staff only, so the student's
   * e-mail is in it; the ids come last, for programs.
   */
  async csv(runId: string): Promise<string> {
    const timezone = await this.timezoneOf(runId);
    const rows = await this.runs.findAllAssignments(runId);
    const people = await this.peopleOf(rows);
    return toCsvFile(
      ['startsAt', 'endsAt', 'student', 'studentEmail', 'volunteer', 'organization', 'rank', 'studentId', 'volunteerId', 'slotId', 'bookingId'],
      rows.map((a) => {
        const student = people.students.get(a.studentId);
        const volunteer = people.volunteers.get(a.volunteerId);
        return [
          spreadsheetTime(a.startsAt, timezone),
          spreadsheetTime(a.endsAt, timezone),
          student?.name ?? null,
          student?.email ?? null,
          volunteer?.name ?? null,
          volunteer?.organization ?? null,
          a.rank,
          a.studentId,
          a.volunteerId,
          a.slotId,
          a.bookingId,
        ];
      }),
    );
  }

  private async timezoneOf(runId: string): Promise<string> {
    const run = await this.runs.findById(runId);
    if (!run) throw notFound('Allocation run');
    return (await this.events.findOrFail(run.eventId)).timezone;
  }

  /** The run's students and volunteers by id, one query each (assignments keep ids only). */
  private async peopleOf(rows: AllocationAssignmentRow[]): Promise<People> {
    const [students, volunteers] = await Promise.all([
      this.students.findByIds([...new Set(rows.map((a) => a.studentId))]),
      this.volunteers.findByIds([...new Set(rows.map((a) => a.volunteerId))]),
    ]);
    return {
      students: new Map(students.map((s) => [s.id, { name: s.name, email: s.email }])),
      volunteers: new Map(volunteers.map((v) => [v.id, { name: v.name, organization: v.organization }])),
    };
  }
}

function toResponse(a: AllocationAssignmentRow, timezone: string, people: People): AssignmentResponse {
  const volunteer = people.volunteers.get(a.volunteerId);
  return {
    studentId: a.studentId,
    slotId: a.slotId,
    volunteerId: a.volunteerId,
    startsAt: toZonedIso(a.startsAt, timezone),
    endsAt: toZonedIso(a.endsAt, timezone),
    rank: a.rank,
    bookingId: a.bookingId,
    studentName: people.students.get(a.studentId)?.name ?? null,
    volunteerName: volunteer?.name ?? null,
    organization: volunteer?.organization ?? null,
  };
}
