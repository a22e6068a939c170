import { en, Faker } from '@faker-js/faker';
import { DateTime } from 'luxon';
import { toCsv } from '../common/csv/csv-writer';
import { DemoClient, inParallel } from './demo-client';
import { DemoFair, demoFloorPlan, demoPreferences } from './demo-fair';

const MINUTE = 60_000;
/** Requests in flight at once: enough to be quick, few enough for a 2-core laptop. */
const LANES = 8;
/** Share of students who book a slot themselves, first come first served, before the allocation. */
const FIRST_COME_SHARE = 0.12;

export interface DemoDayOptions {
  client: DemoClient;
  fair: DemoFair;
  seed: number;
  staffToken: string;
  /** A signed API token for a student (the demo stands in for 1,500 people signing in). */
  studentToken: (studentId: string) => Promise<string>;
  /** When the fair opens: interviews and reminders are relative to it. */
  opensAt: Date;
  say: (line: string) => void;
  progress: (percent: number) => void;
}

export interface DemoDayResult {
  eventId: string;
  runId: string;
  studentIds: Map<string, string>;
  volunteerIds: string[];
  preferences: string[][];
  firstComeBookings: number;
  /** Reminders that become due within a minute of publication (the first round of interviews). */
  remindersDueSoon: number;
}

interface Slot {
  id: string;
  startsAt: string;
  volunteer: { id: string };
}

interface Booking {
  id: string;
  startsAt: string;
  status: string;
  student: { id: string };
  volunteer: { id: string; organization: string };
}

interface AllocationRun {
  status: 'queued' | 'running' | 'completed' | 'failed';
  progress: number;
  error: string | null;
}

/**
 * The career-services office's day before the fair, through the API: the event, its exhibitors
 * and floor plan, interviewers and their windows, 1,500 students from a CSV import, the
 * first-come bookings, everyone's ranked employers, an allocation run, its publication, and
 * reminders. Each step is the endpoint a person would use.
 */
export async function runDemoDay(options: DemoDayOptions): Promise<DemoDayResult> {
  const { client, fair, staffToken: staff, say } = options;
  const at = (minutes: number) => new Date(options.opensAt.getTime() + minutes * MINUTE).toISOString();
  const now = Date.now();

  const event = await client.post<{ id: string }>('/events', staff, {
    name: fair.name,
    description: fair.description,
    location: fair.location,
    timezone: fair.timezone,
    startsAt: at(0),
    endsAt: at(fair.dayMinutes),
    bookingOpensAt: new Date(now - 60 * MINUTE).toISOString(),
    bookingClosesAt: at(-30),
    slotMinutes: fair.slotMinutes,
    breakMinutes: 0,
    maxBookingsPerStudent: fair.maxBookingsPerStudent,
  });
  const eventId = event.id;
  await client.post(`/events/${eventId}/publish`, staff);
  const opens = DateTime.fromJSDate(options.opensAt).setZone(fair.timezone).toFormat('ccc d LLL, HH:mm ZZZZ');
  say(`Event "${fair.name}" created and published: it opens ${opens}, booking and ranking are open now.`);

  const exhibitorCsv = toCsv(
    ['organization', 'industries', 'roles', 'majors', 'website', 'contactName', 'contactEmail', 'contactPhone'],
    fair.exhibitors.map((e) => [e.organization, e.industries.join(';'), e.roles.join(';'), e.majors.join(';'), e.website, e.contactName, e.contactEmail, e.contactPhone]),
  );
  await client.call('POST', `/events/${eventId}/exhibitors/import`, { token: staff, text: { contentType: 'text/csv', body: exhibitorCsv } });
  const exhibitors = await client.get<{ id: string; organization: string }[]>(`/events/${eventId}/exhibitors`, staff);
  const exhibitorId = new Map(exhibitors.map((e) => [e.organization.toLowerCase(), e.id]));
  say(`${exhibitors.length} exhibitors imported from CSV.`);

  const volunteerIds = await inParallel(fair.volunteers, LANES, async (v) => {
    const created = await client.post<{ id: string }>('/volunteers', staff, { name: v.name, email: v.email, organization: v.organization, title: v.title, expertise: v.expertise });
    await client.put(`/events/${eventId}/volunteers/${created.id}/availability`, staff, { windows: [{ startsAt: at(v.window.from), endsAt: at(v.window.to) }] });
    return created.id;
  });
  say(`${volunteerIds.length} volunteers from ${fair.organizations.length} organizations added, with their interview windows.`);

  const plan = demoFloorPlan(
    fair,
    fair.exhibitors.map((e) => exhibitorId.get(e.organization.toLowerCase())!),
    volunteerIds,
    at,
  );
  await client.put(`/events/${eventId}/floor-plan`, staff, { version: 0, ...plan });
  say(`Floor plan: ${plan.halls.map((h) => `${h.name} (${h.places.length} places)`).join(', ')}.`);

  const studentCsv = toCsv(
    ['name', 'email', 'studentNumber', 'major', 'graduationYear'],
    fair.students.map((s) => [s.name, s.email, s.studentNumber, s.major, s.graduationYear]),
  );
  await client.call('POST', '/students/import', { token: staff, text: { contentType: 'text/csv', body: studentCsv } });
  const students = await client.all<{ id: string; email: string }>('/students', staff);
  const studentIds = new Map(students.map((s) => [s.email, s.id]));
  say(`${fair.students.length} students imported from CSV.`);

  const organizations = await client.all<{ id: string; name: string }>('/organizations', staff);
  const organizationId = new Map(organizations.map((o) => [o.name.toLowerCase(), o.id]));
  await client.put(`/events/${eventId}/allocation-settings`, staff, {
    preferencesOpenAt: new Date(now - 60 * MINUTE).toISOString(),
    preferencesCloseAt: at(-60),
    preferenceChoices: 5,
  });

  // First come, first served: some students book a free slot themselves as soon as booking opens.
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed + 2);
  const slots = await client.all<Slot>(`/events/${eventId}/slots?available=true`, staff);
  const early = faker.helpers.arrayElements(fair.students, Math.round(fair.students.length * FIRST_COME_SHARE));
  const wanted = early.map(() => faker.helpers.arrayElement(slots).id);
  const outcomes = await inParallel(early, LANES, async (student, i) => {
    const token = await options.studentToken(studentIds.get(student.email)!);
    // Two students wanting one slot: the second is told SLOT_TAKEN, as on the real day.
    const answer = await client.call('POST', '/bookings', { token, body: { slotId: wanted[i] }, accept: [409, 422] });
    return answer.status === 201;
  });
  const firstComeBookings = outcomes.filter(Boolean).length;
  say(`${firstComeBookings} first-come bookings (${early.length - firstComeBookings} lost a race for their slot).`);

  const preferences = demoPreferences(fair, options.seed);
  await inParallel(fair.students, LANES * 2, async (student, i) => {
    const token = await options.studentToken(studentIds.get(student.email)!);
    const choices = preferences[i].map((name) => ({ organizationId: organizationId.get(name.toLowerCase())! }));
    await client.put(`/events/${eventId}/preferences`, token, { choices });
  });
  say(`${fair.students.length} students ranked the employers they want to meet.`);

  const run = await client.post<{ id: string }>(`/events/${eventId}/allocation-runs`, staff, { seed: String(options.seed) });
  say('Allocation run queued; the worker places everyone fairly:');
  for (;;) {
    const state = await client.get<AllocationRun>(`/allocation-runs/${run.id}`, staff);
    options.progress(state.status === 'completed' ? 100 : state.progress);
    if (state.status === 'completed') break;
    if (state.status === 'failed') throw new Error(`The allocation run failed: ${state.error ?? 'no reason given'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await client.post(`/allocation-runs/${run.id}/publish`, staff);
  say('Allocation published: every placed interview is booked, and the invitations go out.');

  // A few interviewers offer their whole shift after all: free slots for walk-ins, and for a
  // newcomer signing in as a student to book one.
  const before = (await client.all<Slot>(`/events/${eventId}/slots?available=true`, staff)).length;
  const longer = fair.volunteers.map((v, i) => ({ v, id: volunteerIds[i] })).filter(({ v }) => v.window.from !== v.shift.from || v.window.to !== v.shift.to).slice(0, 4);
  for (const { v, id } of longer) {
    await client.call('PUT', `/events/${eventId}/volunteers/${id}/availability`, { token: staff, body: { windows: [{ startsAt: at(v.shift.from), endsAt: at(v.shift.to) }] }, accept: [409] });
  }
  const freed = (await client.all<Slot>(`/events/${eventId}/slots?available=true`, staff)).length - before;
  say(`${longer.length} volunteers stay their whole shift: ${freed} more slots open for walk-ins.`);

  // Reminders: one offset that makes the first round's reminders due within the next minute, so
  // the demo shows them now (a real fair keeps the default day-before and hour-before).
  // Five seconds of headroom: a reminder already due when the settings are stored is not sent.
  const offset = Math.floor((options.opensAt.getTime() - Date.now() - 5_000) / MINUTE);
  await client.put(`/events/${eventId}/reminder-settings`, staff, { offsetsMinutes: [offset] });
  const confirmed = await client.get<Booking[]>(`/events/${eventId}/bookings?status=confirmed`, staff);
  const dueBy = Date.now() + 70_000;
  const remindersDueSoon = 2 * confirmed.filter((b) => new Date(b.startsAt).getTime() - offset * MINUTE <= dueBy).length;
  say(`Reminders set ${offset} minutes before each interview: ${remindersDueSoon} due within the minute.`);

  return { eventId, runId: run.id, studentIds, volunteerIds, preferences, firstComeBookings, remindersDueSoon };
}

export interface DemoSummary {
  eventId: string;
  students: number;
  volunteers: number;
  exhibitors: number;
  studentsPlaced: number;
  /** Students with an interview at the employer they ranked first. */
  firstChoices: number;
  interviews: number;
  slots: number;
  /** Booked slots over slots offered, 0-1. */
  fillRate: number;
  messages: { total: number; invitations: number; reminders: number; calendarFiles: number };
}

/** The figures the demo prints, read back from the API once the day has run. */
export async function summarize(
  client: DemoClient,
  staff: string,
  fair: DemoFair,
  day: DemoDayResult,
  messages: DemoSummary['messages'],
): Promise<DemoSummary> {
  const report = await client.get<{ totals: { slotsOffered: number; booked: number; exhibitors: number; volunteers: number } }>(`/events/${day.eventId}/report`, staff);
  const bookings = await client.get<Booking[]>(`/events/${day.eventId}/bookings?status=confirmed`, staff);
  const firstChoice = new Map(fair.students.map((s, i) => [day.studentIds.get(s.email)!, day.preferences[i][0]?.toLowerCase()]));
  const placed = new Set(bookings.map((b) => b.student.id));
  const gotFirst = new Set(bookings.filter((b) => firstChoice.get(b.student.id) === b.volunteer.organization.toLowerCase()).map((b) => b.student.id));
  return {
    eventId: day.eventId,
    students: fair.students.length,
    volunteers: report.totals.volunteers,
    exhibitors: report.totals.exhibitors,
    studentsPlaced: placed.size,
    firstChoices: gotFirst.size,
    interviews: bookings.length,
    slots: report.totals.slotsOffered,
    fillRate: report.totals.slotsOffered ? bookings.length / report.totals.slotsOffered : 0,
    messages,
  };
}
