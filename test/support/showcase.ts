import { DateTime } from 'luxon';
import { createEvent, createSlots, createStudent, createVolunteer } from './factories';
import type { TestApp } from './test-app';

/** A small, realistic fair for screenshots and page benchmarks: names, organizations, a floor plan. */
export interface Showcase {
  fairId: string;
  eveningId: string;
  student: { id: string; token: string };
  volunteer: { id: string; token: string };
  bookingId: string;
}

const ZONE = 'America/New_York';

const VOLUNTEERS = [
  { name: 'Priya Raman', organization: 'Globex', title: 'Senior Software Engineer', expertise: ['software', 'backend'], hours: [9, 12] },
  { name: 'Marcus Johnson', organization: 'Initech', title: 'Talent Acquisition Lead', expertise: ['recruiting', 'resume-review'], hours: [9, 12] },
  { name: 'Elena García', organization: 'Acme Corp', title: 'Product Manager', expertise: ['product', 'design'], hours: [10, 13] },
  { name: 'David Kim', organization: 'First National Bank', title: 'Financial Analyst', expertise: ['finance'], hours: [13, 16] },
  { name: 'Aisha Bello', organization: 'Umbrella Health', title: 'Data Scientist', expertise: ['data-science', 'software'], hours: [13, 16] },
  { name: 'Tom Becker', organization: 'Alumni Network', title: 'Career Coach (Class of 2009)', expertise: ['resume-review'], hours: [14, 16] },
];

/** `hour` o'clock in New York, `days` from today. */
const at = (days: number, hour: number) => DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO()!;

export async function seedShowcase(t: TestApp): Promise<Showcase> {
  const staff = await t.staffToken();
  const fair = await createEvent(t, {
    name: 'Spring Career & Internship Fair',
    timezone: ZONE,
    startsAt: at(6, 9),
    endsAt: at(6, 16),
    bookingClosesAt: at(5, 17),
    maxBookingsPerStudent: 3,
  });
  await t.http()
    .patch(`/api/events/${fair.id}`)
    .auth(staff, { type: 'bearer' })
    .send({ location: 'Student Union, Grand Ballroom', description: 'Thirty-minute mock interviews with recruiters and alumni. Bring your CV and a job posting you like.' })
    .expect(200);
  const volunteers = [];
  for (const v of VOLUNTEERS) {
    const volunteer = await createVolunteer(t, { name: v.name, organization: v.organization, title: v.title, expertise: v.expertise });
    const slots = await createSlots(t, fair.id, volunteer.id, at(6, v.hours[0]), at(6, v.hours[1]));
    volunteers.push({ ...volunteer, slots });
  }
  const student = await createStudent(t, { name: 'Maya Chen', major: 'Computer Science', graduationYear: 2027 });
  const priya = volunteers[0];
  const booking = await t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).send({ slotId: priya.slots[2].id }).expect(201);
  await t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).send({ slotId: volunteers[4].slots[1].id }).expect(201);
  // Others have been busy too: some slots are gone.
  for (const [i, name] of ['Jordan Lee', 'Sam Patel', 'Alex Rivera', 'Chris Novak'].entries()) {
    const other = await createStudent(t, { name });
    await t.http().post('/api/bookings').auth(other.token, { type: 'bearer' }).send({ slotId: volunteers[i % 3].slots[i < 3 ? 4 : 5].id }).expect(201);
  }
  await t.http()
    .put(`/api/events/${fair.id}/floor-plan`)
    .auth(staff, { type: 'bearer' })
    .send({
      version: 0,
      halls: [
        {
          key: 'A',
          name: 'Hall A',
          width: 30,
          height: 12,
          places: volunteers.map((v, i) => ({
            label: `Table ${i + 1}`,
            kind: 'interview_table',
            x: 2 + i * 4,
            y: 2,
            width: 2,
            height: 1,
            assignments: [{ volunteerId: v.id, startsAt: at(6, 9), endsAt: at(6, 16) }],
          })),
        },
      ],
    })
    .expect(200);

  const evening = await createEvent(t, { name: 'Finance Mock Interview Evening', timezone: ZONE, startsAt: at(13, 17), endsAt: at(13, 20), bookingClosesAt: at(12, 17) });
  await createSlots(t, evening.id, volunteers[3].id, at(13, 17), at(13, 20));
  await createSlots(t, evening.id, volunteers[1].id, at(13, 17), at(13, 19));
  await t.http()
    .put(`/api/events/${evening.id}/allocation-settings`)
    .auth(staff, { type: 'bearer' })
    .send({ preferencesOpenAt: at(-1, 9), preferencesCloseAt: at(10, 17), preferenceChoices: 3 })
    .expect(200);
  await t.http()
    .put(`/api/events/${evening.id}/preferences`)
    .auth(student.token, { type: 'bearer' })
    .send({ choices: [{ volunteerId: volunteers[3].id }, { expertise: 'recruiting' }], unavailable: [{ startsAt: at(13, 19), endsAt: at(13, 20) }] })
    .expect(200);
  return { fairId: fair.id, eveningId: evening.id, student, volunteer: priya, bookingId: booking.body.id };
}
