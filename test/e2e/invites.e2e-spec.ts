import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { JobName, QueueName } from '../../src/queue/jobs';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer } from '../support/factories';
import { validateWithPython } from '../support/ical-validators';
import { inviteParts, parseIcs, unixOf } from '../support/invites';
import type { ReceivedMail } from '../support/smtp';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const HOSTILE = 'Zoë "Z" O\'Neil, Jr.; \\back\\slash\r\nATTENDEE:mailto:evil@x.test';
/** 2027-03-28: Europe/Berlin springs forward at 02:00 local. */
const DST_DAY = '2027-03-28';

describe('calendar invites by e-mail', () => {
  let t: TestApp;
  const everyIcs: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function dstBooking() {
    const event = await createEvent(t, {
      name: 'Spring, mock; interviews',
      timezone: 'Europe/Berlin',
      startsAt: `${DST_DAY}T00:00:00.000Z`,
      endsAt: `${DST_DAY}T06:00:00.000Z`,
      bookingClosesAt: `${DST_DAY}T00:00:00.000Z`,
      slotMinutes: 60,
    });
    const volunteer = await createVolunteer(t, { name: 'Ada Lovelace', organization: 'Analytical, Engines', title: 'CTO' });
    const student = await createStudent(t, { name: HOSTILE.replace(/[\r\n]/g, ' ') });
    // 00:30Z–01:30Z is 01:30 CET to 03:30 CEST: the slot crosses the change.
    const [slot] = await createSlots(t, event.id, volunteer.id, `${DST_DAY}T00:30:00.000Z`, `${DST_DAY}T01:30:00.000Z`);
    const res = await bookingRequest(t, student.token, { slotId: slot.id }).expect(201);
    return { event, volunteer, student, slot, bookingId: res.body.id as string };
  }

  function mailsTo(address: string, method: string): ReceivedMail[] {
    return t.smtp.to(address).filter((m) => inviteParts(m).inline.text.includes(`METHOD:${method}\r\n`));
  }

  it('sends each party a REQUEST with the iTIP part, the invite.ics file, a zoned DST-safe time and only their own address', async () => {
    const { volunteer, student, bookingId } = await dstBooking();
    const [toStudent] = await waitFor(() => mailsTo(student.email, 'REQUEST').length === 1 && mailsTo(student.email, 'REQUEST'));
    const [toVolunteer] = await waitFor(() => mailsTo(volunteer.email, 'REQUEST').length === 1 && mailsTo(volunteer.email, 'REQUEST'));

    for (const [mail, me, role] of [
      [toStudent, student, 'student'],
      [toVolunteer, volunteer, 'volunteer'],
    ] as const) {
      const parts = inviteParts(mail);
      everyIcs.push(parts.inline.text, parts.file.text);
      expect(mail.parsed.messageId).toMatch(/^<invite-[0-9a-f-]{36}@fairgrid\.test>$/);
      expect(mail.parsed.from?.value[0].address).toBe('no-reply@fairgrid.test');
      expect(mail.parsed.subject).toMatch(/^Invitation: Mock interview with /);
      expect(mail.parsed.subject).not.toMatch(/[\r\n]/);
      // RFC 6047: multipart/alternative with text, HTML and the calendar, plus the file.
      expect(mail.raw).toMatch(/Content-Type: multipart\/mixed/);
      expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/);
      expect(mail.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
      expect(mail.raw).toMatch(/Content-Type: application\/ics; name=invite\.ics/);
      expect(mail.raw).toMatch(/Content-Disposition: attachment; filename=invite\.ics/);
      expect(parts.text).toContain('Spring, mock; interviews');
      expect(parts.html).toContain('<strong>Spring, mock; interviews</strong>');
      expect(parts.file.text).toBe(parts.inline.text);
      expect(parts.inline.text.endsWith('\r\n')).toBe(true);

      const { calendar, vevents, vevent } = parseIcs(parts.inline.text);
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(vevents).toHaveLength(1);
      expect(vevent.getFirstPropertyValue('uid')).toBe(`booking-${bookingId}@fairgrid.test`);
      expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
      expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
      expect(parts.inline.text).toContain('DTSTART;TZID=Europe/Berlin:20270328T013000\r\n');
      expect(parts.inline.text).toContain('DTEND;TZID=Europe/Berlin:20270328T033000\r\n');
      expect(parts.inline.text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
      expect(unixOf(vevent.getFirstPropertyValue('dtstart'))).toBe(Date.parse(`${DST_DAY}T00:30:00Z`) / 1000);
      expect(unixOf(vevent.getFirstPropertyValue('dtend'))).toBe(Date.parse(`${DST_DAY}T01:30:00Z`) / 1000);
      const wall = DateTime.fromSeconds(unixOf(vevent.getFirstPropertyValue('dtstart')), { zone: 'Europe/Berlin' });
      expect(wall.toFormat('HH:mm ZZ')).toBe('01:30 +01:00');
      expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:no-reply@fairgrid.test');
      const attendees = vevent.getAllProperties('attendee');
      expect(attendees).toHaveLength(1);
      expect(String(attendees[0].getFirstValue()).toLowerCase()).toBe(`mailto:${me.email}`);
      expect(attendees[0].getParameter('partstat')).toBe('NEEDS-ACTION');
      expect(attendees[0].getParameter('rsvp')).toBe('TRUE');
      expect(attendees[0].getParameter('role')).toBe('REQ-PARTICIPANT');
      expect(vevent.getFirstPropertyValue('location')).toBe('Student Union');
      expect(vevent.getFirstPropertyValue('url')).toBe(`http://fairgrid.test/interviews/${bookingId}`);
      // The calendar file once (nodemailer attaches the iTIP part as invite.ics itself).
      expect(mail.parsed.attachments.filter((a) => a.filename === 'invite.ics')).toHaveLength(1);
      // The student's confirmation carries their check-in code, as text and as an inline QR image.
      const qr = mail.parsed.attachments.filter((a) => a.contentType === 'image/png');
      if (role === 'student') {
        const [{ code }] = await t.db.query(`SELECT code FROM check_in_codes WHERE student_id = $1`, [student.id]);
        expect(parts.text).toContain(`Your check-in code for the day: ${code}`);
        expect(qr).toHaveLength(1);
        expect(qr[0].contentDisposition).toBe('inline');
        // mailparser swaps a cid: reference for the image it names: this one resolved.
        expect(parts.html).toContain(`src="data:image/png;base64,${qr[0].content.toString('base64')}"`);
      } else {
        expect(qr).toHaveLength(0);
        expect(parts.text).not.toContain('check-in code');
      }
      expect(String(vevent.getFirstPropertyValue('description'))).toContain(role === 'student' ? 'Interviewer: Ada Lovelace (CTO, Analytical, Engines)' : 'Student: Zoë');
    }
    // The volunteer learns the student's name but never the address.
    expect(toVolunteer.raw.toLowerCase()).not.toContain(student.email.toLowerCase());
    expect(inviteParts(toVolunteer).text).toContain(HOSTILE.replace(/[\r\n]/g, ' '));
    expect(parseIcs(inviteParts(toVolunteer).inline.text).vevent.getFirstPropertyValue('summary')).toBe(
      `Mock interview with ${HOSTILE.replace(/[\r\n]/g, ' ')} (student) — Spring, mock; interviews`,
    );
  });

  it('cancels with METHOD:CANCEL, the same UID, a higher SEQUENCE and STATUS:CANCELLED to both parties', async () => {
    const { volunteer, student, bookingId } = await dstBooking();
    await waitFor(() => mailsTo(student.email, 'REQUEST').length === 1 && mailsTo(volunteer.email, 'REQUEST').length === 1);
    await t.http().delete(`/api/bookings/${bookingId}`).auth(student.token, { type: 'bearer' }).expect(200);
    for (const address of [student.email, volunteer.email]) {
      const [cancel] = await waitFor(() => mailsTo(address, 'CANCEL').length === 1 && mailsTo(address, 'CANCEL'));
      const [request] = mailsTo(address, 'REQUEST');
      const parts = inviteParts(cancel);
      everyIcs.push(parts.inline.text, parts.file.text);
      expect(cancel.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);
      expect(cancel.parsed.subject).toMatch(/^Cancelled: /);
      expect(cancel.parsed.messageId).not.toBe(request.parsed.messageId);
      const before = parseIcs(inviteParts(request).inline.text).vevent;
      const { calendar, vevent } = parseIcs(parts.inline.text);
      expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(vevent.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
      expect(vevent.getFirstPropertyValue('uid')).toBe(`booking-${bookingId}@fairgrid.test`);
      expect(Number(vevent.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(before.getFirstPropertyValue('sequence')));
      expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(vevent.getAllProperties('attendee')).toHaveLength(1);
      // The request was received before the cancel.
      expect(t.smtp.messages.indexOf(request)).toBeLessThan(t.smtp.messages.indexOf(cancel));
    }
  });

  it('sends an update naming the table once the floor plan places the volunteer', async () => {
    const { event, volunteer, student, slot } = await dstBooking();
    await waitFor(() => mailsTo(student.email, 'REQUEST').length === 1);
    const staff = await t.staffToken();
    const plan = {
      version: 0,
      halls: [
        {
          key: 'B',
          name: 'Hall B',
          width: 20,
          height: 10,
          places: [
            { label: 'Table 12', kind: 'interview_table', x: 1, y: 1, width: 2, height: 1, assignments: [{ volunteerId: volunteer.id, startsAt: event.startsAt, endsAt: event.endsAt }] },
          ],
        },
      ],
    };
    await t.http().put(`/api/events/${event.id}/floor-plan`).auth(staff, { type: 'bearer' }).send(plan).expect(200);
    for (const address of [student.email, volunteer.email]) {
      const [first, update] = await waitFor(() => mailsTo(address, 'REQUEST').length === 2 && mailsTo(address, 'REQUEST'));
      const before = parseIcs(inviteParts(first).inline.text).vevent;
      const { vevent } = parseIcs(inviteParts(update).inline.text);
      everyIcs.push(inviteParts(update).inline.text);
      expect(vevent.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
      expect(Number(vevent.getFirstPropertyValue('sequence'))).toBe(Number(before.getFirstPropertyValue('sequence')) + 1);
      expect(vevent.getFirstPropertyValue('location')).toBe('Student Union, Hall B · Table 12');
      expect(unixOf(vevent.getFirstPropertyValue('dtstart'))).toBe(new Date(slot.startsAt).getTime() / 1000);
    }
  });

  it('marks a refused message failed for staff, and a retry sends it', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const student = await createStudent(t);
    t.smtp.rejectedRecipients.add(student.email);
    const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, new Date(Date.parse(event.startsAt) + 3600_000).toISOString());
    await bookingRequest(t, student.token, { slotId: slot.id }).expect(201);
    const staff = await t.staffToken();
    const failed = await waitFor(async () => {
      const res = await t.http().get('/api/admin/outbox').query({ status: 'failed' }).auth(staff, { type: 'bearer' }).expect(200);
      return res.body.length === 1 && res.body;
    });
    expect(failed[0]).toMatchObject({ status: 'failed', recipientRole: 'student', method: 'REQUEST', sequence: 0, attempts: 1 });
    expect(failed[0].lastError).toMatch(/550/);
    await waitFor(() => mailsTo(volunteer.email, 'REQUEST').length === 1);
    expect(t.smtp.to(student.email)).toHaveLength(0);

    t.smtp.rejectedRecipients.delete(student.email);
    const retried = await t.http().post(`/api/admin/outbox/${failed[0].id}/retry`).auth(staff, { type: 'bearer' }).expect(200);
    expect(retried.body).toMatchObject({ id: failed[0].id, status: 'pending', attempts: 0 });
    await waitFor(() => mailsTo(student.email, 'REQUEST').length === 1);
    const after = await t.http().get('/api/admin/outbox').query({ status: 'failed' }).auth(staff, { type: 'bearer' }).expect(200);
    expect(after.body).toHaveLength(0);
    const sent = await waitFor(async () => {
      const res = await t.http().get('/api/admin/outbox').query({ status: 'sent' }).auth(staff, { type: 'bearer' }).expect(200);
      return res.body.find((m: { id: string }) => m.id === failed[0].id);
    });
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(String) });
    // Only a failed message can be retried; an unknown one is not found.
    const again = await t.http().post(`/api/admin/outbox/${failed[0].id}/retry`).auth(staff, { type: 'bearer' }).expect(422);
    expect(again.body.code).toBe('OUTBOX_NOT_FAILED');
    await t.http().post(`/api/admin/outbox/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/retry`).auth(staff, { type: 'bearer' }).expect(404);
    await t.http().get('/api/admin/outbox').query({ status: 'lost' }).auth(staff, { type: 'bearer' }).expect(400);
  });

  it('sends nothing when a job runs again for a message already sent (a retried or repeated job)', async () => {
    const { student, bookingId } = await dstBooking();
    const [message] = await waitFor(async () => {
      const rows: { id: string; attempts: number }[] = await t.db.query(
        `SELECT id, attempts FROM outbox_messages WHERE booking_id = $1 AND recipient_role = 'student' AND status = 'sent'`,
        [bookingId],
      );
      return rows.length === 1 && rows;
    });
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Invites));
    const again = await queue.add(JobName.SendInvite, { messageId: message.id }, { jobId: `again-${message.id}` });
    await waitFor(async () => (await again.getState()) === 'completed');
    expect(mailsTo(student.email, 'REQUEST')).toHaveLength(1);
    const [after] = await t.db.query(`SELECT status, attempts FROM outbox_messages WHERE id = $1`, [message.id]);
    expect(after).toEqual({ status: 'sent', attempts: message.attempts });
  });

  it('names each recipient in To: as one address; a hostile name adds no header and no recipient', async () => {
    const names = [
      'Zoë "Z" O\'Neil, Jr.\r\nBcc: evil@example.com',
      // ASCII only, so quoted rather than RFC 2047-encoded.
      'Eve <eve@evil.test>, "Mallory" \\ (x)\nCc: evil@example.com',
    ];
    const event = await createEvent(t, { slotMinutes: 60 });
    const volunteer = await createVolunteer(t, { name: 'Ada Lovelace' });
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, new Date(Date.parse(event.startsAt) + 2 * 3600_000).toISOString());
    for (const [i, name] of names.entries()) {
      const student = await createStudent(t, { name });
      await bookingRequest(t, student.token, { slotId: slots[i].id }).expect(201);
      const [mail] = await waitFor(() => mailsTo(student.email, 'REQUEST').length === 1 && mailsTo(student.email, 'REQUEST'));
      expect(mail.envelopeTo).toEqual([student.email]);
      // CR/LF become one space: a display name is one line (a decision, not nodemailer's).
      expect(mail.parsed.to).toMatchObject({ value: [{ name: name.replace(/[\r\n]+/g, ' '), address: student.email }] });
      expect((mail.parsed.to as { value: unknown[] }).value).toHaveLength(1);
      const header = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n'));
      expect(header).not.toMatch(/^(bcc|cc):/im);
      expect(mail.parsed.bcc).toBeUndefined();
      expect(mail.parsed.cc).toBeUndefined();
      expect(header.match(/^to:/gim)).toHaveLength(1);
    }
    const [toVolunteer] = await waitFor(() => mailsTo(volunteer.email, 'REQUEST').length === 2 && mailsTo(volunteer.email, 'REQUEST'));
    expect(toVolunteer.parsed.to).toMatchObject({ value: [{ name: 'Ada Lovelace', address: volunteer.email }] });
  });

  it('produces files that Python icalendar and vobject (strict) accept', async () => {
    expect(everyIcs.length).toBeGreaterThanOrEqual(8);
    await validateWithPython(everyIcs);
  });
});
