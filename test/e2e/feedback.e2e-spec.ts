import { FeedbackRequestsService } from '../../src/feedback/feedback-requests.service';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Issue 12, feedback after the interview: the mail to the volunteer once it has ended (a delayed
 * job through the job outbox, once per booking), the form's rules (its volunteer only, once,
 * editable for 7 days), the student's view, and the report's aggregates and CSV columns.
 */
describe('interview feedback', () => {
  let t: TestApp;
  let staff: string;
  let event: { id: string; startsAt: string };
  let volunteer: { id: string; email: string; token: string };
  let other: { id: string; email: string; token: string };
  let student: { id: string; token: string };
  let free: { id: string }[];
  let freeOfOther: { id: string }[];

  const isFeedbackMail = (m: { parsed: { subject?: string } }) => /How did the mock interview with/.test(m.parsed.subject ?? '');
  const feedbackMailsTo = (email: string) => t.smtp.to(email).filter(isFeedbackMail);
  /** A confirmed interview that ends `endsInMs` from now (it started a minute ago); a new student unless named. */
  const interview = async (slotId: string, endsInMs: number, someone?: { id: string }) => {
    const who = someone ?? (await createStudent(t));
    const booking = await bookingRequest(t, staff, { slotId, studentId: who.id }).expect(201);
    await t.db.query(`UPDATE bookings SET starts_at = now() - interval '1 minute', ends_at = now() + make_interval(secs => $2) WHERE id = $1`, [booking.body.id, endsInMs / 1000]);
    return booking.body.id as string;
  };
  const scores = { preparation: 3, communication: 4, answers: 2 };
  const send = (id: string, token: string, body: object = { scores, comment: 'Good structure; practise the STAR method.' }, method: 'post' | 'put' = 'post') =>
    t.http()[method](`/api/bookings/${id}/feedback`).set(bearer(token)).send(body);

  beforeAll(async () => {
    // Relays and the feedback scheduler poll every 200 ms here (5 s by default).
    t = await createTestApp({ INVITE_RELAY_INTERVAL_MS: '200' });
    staff = await t.staffToken();
    event = await createEvent(t, { maxBookingsPerStudent: 10 });
    [volunteer, other, student] = await Promise.all([createVolunteer(t, { name: 'Vera Volunteer', organization: '' }), createVolunteer(t, { organization: '' }), createStudent(t, { name: 'Sam Student' })]);
    free = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 4));
    freeOfOther = await createSlots(t, event.id, other.id, hoursAfter(event.startsAt, 4), hoursAfter(event.startsAt, 6));
  });
  afterAll(() => t.close());

  it('mails the volunteer a link to the form once the interview has ended, and only once', async () => {
    const id = await interview(free[0].id, 3_000, student);
    const [{ ends_at: endsAt }] = await t.db.query(`SELECT ends_at FROM bookings WHERE id = $1`, [id]);
    // Planned with its delayed job, committed through the job outbox, before the interview ends.
    const planned = await waitFor(async () => (await t.db.query(`SELECT due_at, sent_at FROM feedback_requests WHERE booking_id = $1`, [id]))[0], 10_000);
    expect(new Date(planned.due_at).getTime()).toBe(new Date(endsAt).getTime());
    expect(planned.sent_at).toBeNull();

    const [mail] = await waitFor(() => (feedbackMailsTo(volunteer.email).length ? feedbackMailsTo(volunteer.email) : undefined), 20_000);
    expect(mail.acceptedAt).toBeGreaterThanOrEqual(new Date(endsAt).getTime());
    expect(mail.parsed.subject).toBe('How did the mock interview with Sam Student go?');
    expect(mail.parsed.text).toContain(`http://fairgrid.test/interviews/${id}/feedback`);
    expect(mail.parsed.text).toContain('Hello Vera Volunteer,');
    await waitFor(async () => (await t.db.query(`SELECT sent_at FROM feedback_requests WHERE booking_id = $1`, [id]))[0].sent_at !== null);

    // A job that runs again, a second plan or the sweep send nothing more.
    const requests = t.app.get(FeedbackRequestsService);
    expect(await requests.send(id)).toBe('skipped');
    await requests.pass();
    expect(feedbackMailsTo(volunteer.email)).toHaveLength(1);
  });

  it('sends no mail for an interview cancelled before it ended', async () => {
    const id = await interview(free[1].id, 2_000);
    await waitFor(async () => (await t.db.query(`SELECT 1 FROM feedback_requests WHERE booking_id = $1`, [id])).length > 0, 10_000);
    await t.http().delete(`/api/bookings/${id}`).set(bearer(staff)).expect(200);
    const requests = t.app.get(FeedbackRequestsService);
    // Once it would have ended, the job finds it cancelled.
    await waitFor(async () => (await t.db.query(`SELECT 1 FROM bookings WHERE id = $1 AND ends_at < now()`, [id])).length > 0, 10_000);
    expect(await requests.send(id)).toBe('skipped');
    expect((await t.db.query(`SELECT sent_at FROM feedback_requests WHERE booking_id = $1`, [id]))[0].sent_at).toBeNull();
  });

  it("takes feedback from the interview's volunteer only, once it has ended, once, editable for 7 days", async () => {
    const ended = await interview(free[2].id, -1_000);
    const coming = (await bookingRequest(t, staff, { slotId: free[3].id, studentId: student.id }).expect(201)).body.id;

    expect((await send(coming, volunteer.token).expect(422)).body.code).toBe('FEEDBACK_TOO_EARLY');
    await send(ended, student.token).expect(403);
    await send(ended, staff).expect(403);
    expect((await send(ended, other.token).expect(404)).body.code).toBe('NOT_FOUND');
    const missing = await send(ended, volunteer.token, { scores: { preparation: 5, communication: 4, extra: 1 } }).expect(422);
    expect(missing.body.code).toBe('INVALID_FEEDBACK');
    expect(missing.body.details.problems).toEqual(['extra: not a criterion of this event', 'preparation: must be a whole number from 1 to 4', 'answers: missing']);

    const first = await send(ended, volunteer.token).expect(201);
    expect(first.body).toMatchObject({
      bookingId: ended,
      submitted: true,
      comment: 'Good structure; practise the STAR method.',
      scores: [
        { criterion: 'preparation', label: 'Preparation', score: 3 },
        { criterion: 'communication', label: 'Communication', score: 4 },
        { criterion: 'answers', label: 'Answers', score: 2 },
      ],
    });
    // Once per booking: sending again changes it.
    const again = await send(ended, volunteer.token, { scores: { ...scores, answers: 3 }, comment: 'Better on reflection.' }).expect(200);
    expect(again.body.scores[2].score).toBe(3);
    await send(ended, volunteer.token, { scores: { ...scores, answers: 4 } }, 'put').expect(200);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM interview_feedback WHERE booking_id = $1`, [ended])).toEqual([{ n: 1 }]);
    expect(await t.db.query(`SELECT criterion, score FROM feedback_scores WHERE booking_id = $1 ORDER BY criterion`, [ended])).toEqual([
      { criterion: 'answers', score: 4 },
      { criterion: 'communication', score: 4 },
      { criterion: 'preparation', score: 3 },
    ]);

    // Eight days later it is locked, by the service and by the database's own CHECK.
    await t.db.query(`UPDATE interview_feedback SET submitted_at = submitted_at - interval '8 days', updated_at = updated_at - interval '8 days' WHERE booking_id = $1`, [ended]);
    expect((await send(ended, volunteer.token).expect(422)).body.code).toBe('FEEDBACK_LOCKED');
    expect((await send(ended, volunteer.token, undefined, 'put').expect(422)).body.code).toBe('FEEDBACK_LOCKED');
    await expect(t.db.query(`UPDATE interview_feedback SET updated_at = now() WHERE booking_id = $1`, [ended])).rejects.toThrow(/interview_feedback_edit_window/);
  });

  it('keeps one feedback per booking when its volunteer sends twice at once', async () => {
    const id = await interview(free[5].id, -1_000);
    // Three POSTs at once: exactly one creates it (201), the others change it (200).
    const answers = await Promise.all([send(id, volunteer.token), send(id, volunteer.token), send(id, volunteer.token)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM interview_feedback WHERE booking_id = $1`, [id])).toEqual([{ n: 1 }]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM feedback_scores WHERE booking_id = $1`, [id])).toEqual([{ n: 3 }]);
  });

  it('shows the student the feedback on their own interviews only', async () => {
    const own = await createStudent(t);
    const id = await interview(free[4].id, -1_000, own);
    const before = await t.http().get(`/api/bookings/${id}/feedback`).set(bearer(own.token)).expect(200);
    expect(before.body).toMatchObject({ submitted: false, scores: [], comment: null, criteria: [{ key: 'preparation', label: 'Preparation' }, expect.anything(), expect.anything()] });
    await send(id, volunteer.token).expect(201);
    const seen = await t.http().get(`/api/bookings/${id}/feedback`).set(bearer(own.token)).expect(200);
    expect(seen.body).toMatchObject({ submitted: true, comment: 'Good structure; practise the STAR method.', editableUntil: expect.any(String) });
    const stranger = await createStudent(t);
    await t.http().get(`/api/bookings/${id}/feedback`).set(bearer(stranger.token)).expect(404);
    await t.http().get(`/api/bookings/${id}/feedback`).set(bearer(other.token)).expect(404);
    await t.http().get(`/api/bookings/${id}/feedback`).set(bearer(staff)).expect(200);
  });

  it("reports averages per event, criterion and volunteer, in the event report and its CSV, with the event's own rubric", async () => {
    const fair = await createEvent(t, { maxBookingsPerStudent: 5 });
    const [alice, bob] = await Promise.all([createVolunteer(t, { name: 'Alice Adams', organization: 'Acme' }), createVolunteer(t, { name: 'Bob Brown', organization: 'Initech' })]);
    const [a1, a2] = await createSlots(t, fair.id, alice.id, fair.startsAt, hoursAfter(fair.startsAt, 1));
    const [b1] = await createSlots(t, fair.id, bob.id, hoursAfter(fair.startsAt, 2), hoursAfter(fair.startsAt, 3));
    const rubric = await t.http()
      .put(`/api/events/${fair.id}/feedback-rubric`)
      .set(bearer(staff))
      .send({ criteria: [{ key: 'preparation', label: 'Preparation' }, { key: 'pitch', label: 'Elevator pitch' }] })
      .expect(200);
    expect(rubric.body).toEqual({ eventId: fair.id, criteria: [{ key: 'preparation', label: 'Preparation' }, { key: 'pitch', label: 'Elevator pitch' }], isDefault: false });
    const [s1, s2, s3] = await Promise.all([createStudent(t), createStudent(t), createStudent(t)]);
    const ids = [await interview(a1.id, -1_000, s1), await interview(a2.id, -1_000, s2), await interview(b1.id, -1_000, s3)];
    const aliceToken = await t.tokenFor('volunteer', alice.id);
    const bobToken = await t.tokenFor('volunteer', bob.id);
    await send(ids[0], aliceToken, { scores: { preparation: 4, pitch: 3 } }).expect(201);
    await send(ids[1], aliceToken, { scores: { preparation: 2, pitch: 2 } }).expect(201);
    await send(ids[2], bobToken, { scores: { preparation: 1, pitch: 4 } }).expect(201);

    const report = await t.http().get(`/api/events/${fair.id}/report`).set(bearer(staff)).expect(200);
    expect(report.body.feedback).toEqual({
      responses: 3,
      average: 2.67,
      criteria: [
        { criterion: 'preparation', label: 'Preparation', responses: 3, average: 2.33 },
        { criterion: 'pitch', label: 'Elevator pitch', responses: 3, average: 3 },
      ],
      byVolunteer: [
        {
          volunteerId: alice.id,
          name: 'Alice Adams',
          responses: 2,
          average: 2.75,
          criteria: [
            { criterion: 'preparation', label: 'Preparation', responses: 2, average: 3 },
            { criterion: 'pitch', label: 'Elevator pitch', responses: 2, average: 2.5 },
          ],
        },
        {
          volunteerId: bob.id,
          name: 'Bob Brown',
          responses: 1,
          average: 2.5,
          criteria: [
            { criterion: 'preparation', label: 'Preparation', responses: 1, average: 1 },
            { criterion: 'pitch', label: 'Elevator pitch', responses: 1, average: 4 },
          ],
        },
      ],
    });

    const csv = await t.http().get(`/api/events/${fair.id}/report`).query({ format: 'csv' }).set(bearer(staff)).expect(200);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/,attendanceRate,noShowRate,feedbackResponses,feedbackAverage$/);
    expect(lines[1]).toMatch(/,3,2\.67$/);
    expect(lines).toContain('volunteer,Alice Adams (Acme),,,,,2,2,1,0,0,2,,,2,2.75');
    expect(lines).toContain('feedback_criterion,Elevator pitch,,,,,,,,,,,,,3,3');
    expect(lines).toContain('feedback_volunteer_criterion,Bob Brown / Preparation,,,,,,,,,,,,,1,1');
  });
});
