import type { CohortStats, EventTotals, ExpertiseStats, InterviewStats, VolunteerStats } from './dto/report.dto';
import { rate } from './report-csv';
import type { StudentRow, VolunteerRow } from './reports.repository';

interface Counts {
  slotsOffered: number;
  booked: number;
  attended: number;
  noShows: number;
}

export function interviewStats(c: Counts): InterviewStats {
  const marked = c.attended + c.noShows;
  return {
    slotsOffered: c.slotsOffered,
    booked: c.booked,
    fillRate: rate(c.booked, c.slotsOffered),
    attended: c.attended,
    noShows: c.noShows,
    unmarked: c.booked - marked,
    attendanceRate: rate(c.attended, marked),
    noShowRate: rate(c.noShows, marked),
  };
}

const add = (a: Counts, b: Counts): Counts => ({
  slotsOffered: a.slotsOffered + b.slotsOffered,
  booked: a.booked + b.booked,
  attended: a.attended + b.attended,
  noShows: a.noShows + b.noShows,
});
const ZERO: Counts = { slotsOffered: 0, booked: 0, attended: 0, noShows: 0 };

/** Pure: the report's figures from the rows the repository reads. */
export function buildReport(volunteers: VolunteerRow[], students: StudentRow[], exhibitors: number) {
  const totals: EventTotals = {
    registeredStudents: students.length,
    checkedInStudents: students.filter((s) => s.checkedIn).length,
    exhibitors,
    volunteers: volunteers.length,
    ...interviewStats(volunteers.reduce(add, ZERO)),
  };
  const byVolunteer: VolunteerStats[] = volunteers.map((v) => ({
    volunteerId: v.volunteerId,
    name: v.name,
    organization: v.organization,
    ...interviewStats(v),
  }));

  // A volunteer with several tags counts under each, so these rows may sum to more than the total.
  const perTag = new Map<string, Counts>();
  for (const v of volunteers) {
    for (const tag of v.expertise.length ? v.expertise : ['(none)']) perTag.set(tag, add(perTag.get(tag) ?? ZERO, v));
  }
  const byExpertise: ExpertiseStats[] = [...perTag]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([expertise, c]) => ({ expertise, ...interviewStats(c) }));

  const cohorts = new Map<string, CohortStats>();
  for (const s of students) {
    const key = JSON.stringify([s.major, s.graduationYear]);
    const c = cohorts.get(key) ?? {
      major: s.major,
      graduationYear: s.graduationYear,
      registeredStudents: 0,
      checkedInStudents: 0,
      booked: 0,
      attended: 0,
      noShows: 0,
      attendanceRate: null,
      noShowRate: null,
    };
    c.registeredStudents += 1;
    c.checkedInStudents += s.checkedIn ? 1 : 0;
    c.booked += s.booked;
    c.attended += s.attended;
    c.noShows += s.noShows;
    c.attendanceRate = rate(c.attended, c.attended + c.noShows);
    c.noShowRate = rate(c.noShows, c.attended + c.noShows);
    cohorts.set(key, c);
  }
  const byMajorAndYear = [...cohorts.values()].sort(
    (a, b) => (a.major ?? '\uffff').localeCompare(b.major ?? '\uffff') || (a.graduationYear ?? 9999) - (b.graduationYear ?? 9999),
  );
  return { totals, byVolunteer, byExpertise, byMajorAndYear };
}
