import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter, startInterview } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** A CSV export's text after its UTF-8 byte order mark, which spreadsheets need to read it as UTF-8. */
const textBody = (res: { text: string }) => {
  expect(res.text.startsWith('\uFEFF')).toBe(true);
  return res.text.slice(1);
};

describe('event report and printable schedule', () => {
  let t: TestApp;
  let staff: string;
  let event: { id: string; startsAt: string };
  let alice: { id: string };
  let bob: { id: string };
  let bookings: string[];

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
    event = await createEvent(t, { maxBookingsPerStudent: 5, timezone: 'America/New_York' });
    alice = await createVolunteer(t, { name: 'Alice Adams', organization: 'Acme', expertise: ['software'] });
    bob = await createVolunteer(t, { name: 'Bob Brown', organization: '=cmd|calc', expertise: ['finance', 'software'] });
    const [ada, ben, cy, dee] = await Promise.all([
      createStudent(t, { name: 'Ada', major: 'Computer Science', graduationYear: 2027 }),
      createStudent(t, { name: 'Ben, Jr.', major: 'Computer Science', graduationYear: 2027, studentNumber: 'S2' }),
      createStudent(t, { name: 'Cy', major: 'History', graduationYear: 2026 }),
      createStudent(t, { name: 'Dee' }),
    ]);
    // Alice: 4 slots of 30 minutes, Bob: 2.
    const slotsA = await createSlots(t, event.id, alice.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const slotsB = await createSlots(t, event.id, bob.id, event.startsAt, hoursAfter(event.startsAt, 1));
    bookings = [];
    for (const [slot, student] of [[slotsA[0], ada], [slotsA[1], ben], [slotsA[2], cy], [slotsB[1], ada]] as const) {
      const res = await bookingRequest(t, staff, { slotId: slot.id, studentId: student.id }).expect(201);
      bookings.push(res.body.id);
    }
    // Attendance is marked once an interview has started (issue 12): these three have, 40 minutes apart.
    for (const [i, id] of [bookings[0], bookings[1], bookings[3]].entries()) await startInterview(t, id, 10 + 40 * i);
    await t.http().post(`/api/bookings/${bookings[0]}/attendance`).set(bearer(staff)).send({ status: 'attended' }).expect(200);
    await t.http().post(`/api/bookings/${bookings[1]}/attendance`).set(bearer(staff)).send({ status: 'no_show' }).expect(200);
    await t.http().post(`/api/bookings/${bookings[3]}/attendance`).set(bearer(staff)).send({ status: 'attended' }).expect(200);
    // Back to their slots' times, which the schedule below prints.
    await t.db.query(`UPDATE bookings b SET starts_at = s.starts_at, ends_at = s.ends_at FROM slots s WHERE s.id = b.slot_id AND b.id = ANY($1::uuid[])`, [bookings]);
    // Ada and Dee check in; Dee has no interview but counts as registered.
    for (const student of [ada, dee]) {
      const { checkInCode: code } = (await t.http().get(`/api/events/${event.id}/check-in-code`).set(bearer(student.token)).expect(200)).body;
      await t.http().post(`/api/events/${event.id}/check-ins`).set(bearer(staff)).send({ code }).expect(201);
    }
    await t.http().post(`/api/events/${event.id}/exhibitors`).set(bearer(staff)).send({ organization: 'Globex' }).expect(201);
  });
  afterAll(() => t.close());

  it('reports totals and breakdowns per volunteer, expertise, and major and year', async () => {
    const res = await t.http().get(`/api/events/${event.id}/report`).set(bearer(staff)).expect(200);
    expect(res.body.totals).toEqual({
      registeredStudents: 4,
      checkedInStudents: 2,
      exhibitors: 1,
      volunteers: 2,
      slotsOffered: 6,
      booked: 4,
      fillRate: 0.6667,
      attended: 2,
      noShows: 1,
      unmarked: 1,
      attendanceRate: 0.6667,
      noShowRate: 0.3333,
    });
    expect(res.body.byVolunteer).toEqual([
      expect.objectContaining({ volunteerId: alice.id, name: 'Alice Adams', slotsOffered: 4, booked: 3, fillRate: 0.75, attended: 1, noShows: 1, unmarked: 1 }),
      expect.objectContaining({ volunteerId: bob.id, slotsOffered: 2, booked: 1, fillRate: 0.5, attended: 1, noShows: 0, noShowRate: 0 }),
    ]);
    expect(res.body.byExpertise).toEqual([
      expect.objectContaining({ expertise: 'finance', slotsOffered: 2, booked: 1 }),
      expect.objectContaining({ expertise: 'software', slotsOffered: 6, booked: 4, attended: 2, noShows: 1 }),
    ]);
    expect(res.body.byMajorAndYear).toEqual([
      { major: 'Computer Science', graduationYear: 2027, registeredStudents: 2, checkedInStudents: 1, booked: 3, attended: 2, noShows: 1, attendanceRate: 0.6667, noShowRate: 0.3333 },
      { major: 'History', graduationYear: 2026, registeredStudents: 1, checkedInStudents: 0, booked: 1, attended: 0, noShows: 0, attendanceRate: null, noShowRate: null },
      { major: null, graduationYear: null, registeredStudents: 1, checkedInStudents: 1, booked: 0, attended: 0, noShows: 0, attendanceRate: null, noShowRate: null },
    ]);
  });

  it('gives the same figures as CSV, with formulas in names defused', async () => {
    const res = await t.http().get(`/api/events/${event.id}/report`).query({ format: 'csv' }).set(bearer(staff)).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="report-${event.id}.csv"`);
    const lines = textBody(res).trimEnd().split('\r\n');
    // Issue 12 added the feedback columns (test/e2e/feedback.e2e-spec.ts fills them).
    expect(lines[0]).toBe('section,group,registeredStudents,checkedInStudents,exhibitors,volunteers,slotsOffered,booked,fillRate,attended,noShows,unmarked,attendanceRate,noShowRate,feedbackResponses,feedbackAverage');
    expect(lines[1]).toMatch(/^event,Mock interview day \w+,4,2,1,2,6,4,0\.6667,2,1,1,0\.6667,0\.3333,0,$/);
    expect(lines).toContain('volunteer,Alice Adams (Acme),,,,,4,3,0.75,1,1,1,0.5,0.5,0,');
    expect(lines).toContain('volunteer,Bob Brown (=cmd|calc),,,,,2,1,0.5,1,0,0,1,0,0,');
    expect(lines).toContain('major_year,Computer Science / 2027,2,1,,,,3,,2,1,,0.6667,0.3333,,');
    // header, event, 2 volunteers, 2 expertise, 3 cohorts, and the 3 criteria of the default feedback rubric (none sent);
    // then the fill rate over time (issue 13), whose points depend on the clock (its own test checks them).
    expect(lines.filter((l) => !l.startsWith('fill_over_time,'))).toHaveLength(1 + 1 + 2 + 2 + 3 + 3);
    expect(lines.filter((l) => l.startsWith('fill_over_time,')).length).toBeGreaterThan(1);
  });

  it('exports the schedule for printing, with times in the event zone and each table from the floor plan', async () => {
    await t
      .http()
      .put(`/api/events/${event.id}/floor-plan`)
      .set(bearer(staff))
      .send({
        version: 0,
        halls: [
          {
            key: 'B',
            name: 'Hall B',
            width: 20,
            height: 10,
            places: [{ label: 'Table 12', kind: 'interview_table', x: 1, y: 1, width: 2, height: 1, assignments: [{ volunteerId: alice.id, startsAt: event.startsAt, endsAt: hoursAfter(event.startsAt, 8) }] }],
          },
        ],
      })
      .expect(200);
    const res = await t.http().get(`/api/events/${event.id}/bookings?format=csv`).set(bearer(staff)).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = textBody(res).trimEnd().split('\r\n');
    expect(lines[0]).toBe('startsAt,endsAt,table,volunteer,organization,student,studentNumber');
    expect(lines).toHaveLength(5);
    // Wall-clock times in the event's zone, the form spreadsheets read as dates.
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:00:00,\d{4}-\d\d-\d\d \d\d:\d\d:00,Hall B · Table 12,Alice Adams,Acme,Ada,$/);
    expect(lines.some((l) => l.includes(',Hall B · Table 12,Alice Adams,Acme,"Ben, Jr.",S2'))).toBe(true);
    // Bob has no table: the cell stays empty rather than guessing.
    expect(lines.some((l) => /,,Bob Brown,'=cmd\|calc,Ada,$/.test(l))).toBe(true);
  });

  it('gives the fill rate over time from when each booking was made and cancelled, in the event zone in the CSV', async () => {
    const hour = 3600_000;
    // Booking opened 20 hours ago: too long for quarter hours (at most 60 points), so hourly.
    const opens = new Date(Date.now() - 20 * hour);
    const fair = await createEvent(t, { timezone: 'Asia/Kolkata', bookingOpensAt: opens.toISOString() });
    const volunteer = await createVolunteer(t, { name: 'Carol Fill' });
    const slots = await createSlots(t, fair.id, volunteer.id, fair.startsAt, hoursAfter(fair.startsAt, 2));
    expect(slots).toHaveLength(4);
    const students = await Promise.all([createStudent(t), createStudent(t), createStudent(t)]);
    const ids: string[] = [];
    for (const [i, student] of students.entries()) ids.push((await bookingRequest(t, staff, { slotId: slots[i].id, studentId: student.id }).expect(201)).body.id);
    await t.http().delete(`/api/bookings/${ids[2]}`).set(bearer(staff)).expect(200);
    // The API stamps bookings with the time of the call; the test places them at known times of the window.
    const at = (minutes: number) => new Date(opens.getTime() + minutes * 60_000);
    await t.db.query(`UPDATE bookings SET created_at = $2 WHERE id = $1`, [ids[0], at(30)]);
    await t.db.query(`UPDATE bookings SET created_at = $2 WHERE id = $1`, [ids[1], at(90)]);
    await t.db.query(`UPDATE bookings SET created_at = $2, cancelled_at = $3 WHERE id = $1`, [ids[2], at(130), at(210)]);

    const res = await t.http().get(`/api/events/${fair.id}/report`).set(bearer(staff)).expect(200);
    const { stepMinutes, points } = res.body.fillOverTime as { stepMinutes: number; points: { at: string; booked: number; fillRate: number | null }[] };
    expect(stepMinutes).toBe(60);
    expect(points).toHaveLength(22);
    expect(points.slice(0, 6)).toEqual([
      { at: at(0).toISOString(), booked: 0, fillRate: 0 },
      { at: at(60).toISOString(), booked: 1, fillRate: 0.25 },
      { at: at(120).toISOString(), booked: 2, fillRate: 0.5 },
      { at: at(180).toISOString(), booked: 3, fillRate: 0.75 },
      { at: at(240).toISOString(), booked: 2, fillRate: 0.5 },
      { at: at(300).toISOString(), booked: 2, fillRate: 0.5 },
    ]);
    // The last point is the report's own time.
    expect(points.at(-1)).toEqual({ at: res.body.generatedAt, booked: 2, fillRate: 0.5 });

    const csv = await t.http().get(`/api/events/${fair.id}/report`).query({ format: 'csv' }).set(bearer(staff)).expect(200);
    const series = textBody(csv).trimEnd().split('\r\n').filter((l) => l.startsWith('fill_over_time,'));
    expect(series).toHaveLength(22);
    // Kolkata is UTC+05:30 all year: the wall-clock time of the second point.
    const kolkata = new Date(at(60).getTime() + 5.5 * hour).toISOString().replace('T', ' ').slice(0, 19);
    expect(series[1]).toBe(`fill_over_time,${kolkata},,,,,4,1,0.25,,,,,,,`);
  });

  it('refuses an unknown format (400) and an unknown event (404)', async () => {
    const bad = await t.http().get(`/api/events/${event.id}/report`).query({ format: 'xlsx' }).set(bearer(staff)).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.headers['content-type']).toMatch(/^application\/json/);
    await t.http().get('/api/events/00000000-0000-4000-8000-000000000000/report').set(bearer(staff)).expect(404);
    await t.http().get('/api/events/00000000-0000-4000-8000-000000000000/bookings?format=csv').set(bearer(staff)).expect(404);
  });
});

