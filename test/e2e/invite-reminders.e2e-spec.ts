import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queue/jobs';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer } from '../support/factories';
import { validateWithPython } from '../support/ical-validators';
import { inviteParts, parseIcs, unixOf } from '../support/invites';
import { useTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const MINUTE = 60_000;

describe('updates and reminders', () => {
  const t = useTestApp();

  it('sends an update with SEQUENCE+1, and reminders only for bookings still as they were', async () => {
    // Interviews start on the minute 5-6 minutes from now: the changes below happen long before
    // the 1-minute reminders are due, however loaded the machine; the queue's clock is then
    // moved on to their due time (see "Reminders come due").
    const start = Math.ceil((Date.now() + 5 * MINUTE) / MINUTE) * MINUTE;
    const due = start - MINUTE;
    const iso = (ms: number) => new Date(ms).toISOString();
    const event = await createEvent(t, { startsAt: iso(start), endsAt: iso(start + 180 * MINUTE), bookingClosesAt: iso(start), slotMinutes: 15 });
    const staff = await t.staffToken();
    await t.http().put(`/api/events/${event.id}/reminder-settings`).auth(staff, { type: 'bearer' }).send({ offsetsMinutes: [0] }).expect(400);
    const settings = await t.http().put(`/api/events/${event.id}/reminder-settings`).auth(staff, { type: 'bearer' }).send({ offsetsMinutes: [1, 1440] }).expect(200);
    expect(settings.body).toEqual({ eventId: event.id, offsetsMinutes: [1440, 1] });

    const book = async () => {
      const volunteer = await createVolunteer(t);
      const student = await createStudent(t);
      const [slot] = await createSlots(t, event.id, volunteer.id, iso(start), iso(start + 15 * MINUTE));
      const res = await bookingRequest(t, staff, { slotId: slot.id, studentId: student.id }).expect(201);
      return { volunteer, student, bookingId: res.body.id as string };
    };
    const kept = await book();
    const cancelled = await book();
    const moved = await book();
    const movedSilently = await book();
    const all = [kept, cancelled, moved, movedSilently];
    await waitFor(() => all.every((b) => t.smtp.to(b.student.email).length === 1 && t.smtp.to(b.volunteer.email).length === 1));

    await t.http().delete(`/api/bookings/${cancelled.bookingId}`).auth(staff, { type: 'bearer' }).expect(200);
    // A move as the bookings feature records one (time and change log in one transaction)…
    await t.db.transaction(async (tx) => {
      await tx.query(`UPDATE bookings SET starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour' WHERE id = $1`, [moved.bookingId]);
      await tx.query(`INSERT INTO booking_changes (booking_id, change) VALUES ($1, 'updated')`, [moved.bookingId]);
    });
    // …and one whose change the relay has not seen: the reminder must check when it fires.
    await t.db.query(`UPDATE bookings SET starts_at = starts_at + interval '2 hours', ends_at = ends_at + interval '2 hours' WHERE id = $1`, [movedSilently.bookingId]);

    const [update] = await waitFor(() => {
      const mails = t.smtp.to(moved.student.email).filter((m) => m.parsed.subject?.startsWith('Updated:'));
      return mails.length === 1 && mails;
    });
    const [original] = t.smtp.to(moved.student.email);
    const before = parseIcs(inviteParts(original).inline.text).vevent;
    const after = parseIcs(inviteParts(update).inline.text).vevent;
    expect(after.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
    expect(before.getFirstPropertyValue('sequence')).toBe(0);
    expect(after.getFirstPropertyValue('sequence')).toBe(1);
    expect(String(after.getFirstPropertyValue('dtstamp'))).not.toBe('');
    expect(unixOf(after.getFirstPropertyValue('dtstart'))).toBe((start + 60 * MINUTE) / 1000);
    expect(inviteParts(update).inline.text).toContain('METHOD:REQUEST\r\n');
    await waitFor(() => t.smtp.to(moved.volunteer.email).some((m) => m.parsed.subject?.startsWith('Updated:')));
    await validateWithPython([inviteParts(update).inline.text, inviteParts(original).inline.text]);

    // Reminders come due a minute before the start: each is a delayed job that fires then. The
    // original ones (not the moved booking's new ones) are checked to be delayed to exactly that
    // time, then promoted rather than waited for.
    const promoted = await promoteRemindersDueAt(t, due);
    expect(promoted.length).toBeGreaterThanOrEqual(4);
    const reminders = (address: string) => t.smtp.to(address).filter((m) => m.parsed.subject?.startsWith('Reminder:'));
    await waitFor(() => reminders(kept.student.email).length === 1 && reminders(kept.volunteer.email).length === 1, 30_000);
    const [toStudent] = reminders(kept.student.email);
    expect(toStudent.parsed.messageId).toMatch(/^<reminder-[0-9a-f-]{36}@fairgrid\.test>$/);
    expect(toStudent.parsed.text).toContain('starts in 1 minute(s)');
    expect(toStudent.parsed.to).toMatchObject({ value: [{ name: expect.stringMatching(/^Student /), address: kept.student.email }] });
    expect(reminders(kept.volunteer.email)[0].raw.toLowerCase()).not.toContain(kept.student.email.toLowerCase());

    // Every reminder that fired has been decided: nothing stale went out.
    await waitFor(async () => {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM invite_reminders WHERE status IN ('pending', 'sending') AND id = ANY($1::uuid[])`, [promoted]);
      return n === 0;
    }, 30_000);
    for (const stale of [cancelled, moved, movedSilently]) {
      expect(reminders(stale.student.email)).toHaveLength(0);
      expect(reminders(stale.volunteer.email)).toHaveLength(0);
    }
    const rows: { booking_id: string; status: string; offset_minutes: number }[] = await t.db.query(
      `SELECT booking_id, status, offset_minutes FROM invite_reminders ORDER BY booking_id, offset_minutes`,
    );
    const statusOf = (id: string) => rows.filter((r) => r.booking_id === id).map((r) => `${r.offset_minutes}:${r.status}`).sort();
    // 1440 minutes before had already passed when they were booked: never scheduled.
    expect(statusOf(kept.bookingId)).toEqual(['1:sent', '1:sent']);
    expect(statusOf(cancelled.bookingId)).toEqual(['1:cancelled', '1:cancelled']);
    // The recorded move cancelled the old reminders and scheduled new ones for the new start.
    expect(statusOf(moved.bookingId)).toEqual(['1:cancelled', '1:cancelled', '1:pending', '1:pending']);
    // The silent move was caught when the job fired.
    expect(statusOf(movedSilently.bookingId)).toEqual(['1:cancelled', '1:cancelled']);
  });
});

/**
 * Moves the queue's clock on for the reminders due at `due`: once every pending one is in the
 * queue, checks each is a delayed job set to fire at its due time, and makes it fire now.
 * Returns the reminders' ids.
 */
async function promoteRemindersDueAt(t: TestApp, due: number): Promise<string[]> {
  const dueAt = new Date(due);
  await waitFor(async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM invite_reminders WHERE status = 'pending' AND due_at = $1 AND enqueued_at IS NULL`, [dueAt]);
    return n === 0;
  });
  const rows: { id: string }[] = await t.db.query(`SELECT id FROM invite_reminders WHERE due_at = $1`, [dueAt]);
  const queue = t.app.get<Queue>(getQueueToken(QueueName.Invites));
  const jobs = (await Promise.all(rows.map((r) => queue.getJob(`reminder-${r.id}`)))).filter((job) => job !== undefined);
  for (const job of jobs) {
    expect(await job.getState()).toBe('delayed');
    expect(Math.abs(job.timestamp + job.delay - due)).toBeLessThan(2_000);
    await job.promote();
  }
  return jobs.map((job) => job.data.reminderId as string);
}
