import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AllocationInput } from '../../src/allocation/solver';

const HOUR = 3600_000;

/**
 * Writes a generated allocation instance (src/allocation/solver/instance-generator.ts) into the
 * database as a published event with volunteers, slots, students, preferences and first-come
 * bookings, in bulk SQL: thousands of students through the API would take minutes. Times are
 * moved to `daysAhead` days from now so every slot is still to come.
 */
export async function seedAllocationInstance(db: DataSource, input: AllocationInput, daysAhead = 2): Promise<{ eventId: string }> {
  const firstStart = Math.min(...input.slots.map((s) => s.startsAt));
  const day = new Date(Date.now() + daysAhead * 24 * HOUR);
  day.setUTCHours(9, 0, 0, 0);
  const shift = day.getTime() - firstStart;
  const at = (ms: number) => new Date(ms + shift);
  const lastEnd = Math.max(
    ...input.slots.map((s) => s.endsAt),
    ...input.students.flatMap((s) => (s.unavailable ?? []).map((u) => u.endsAt)),
  );
  const tag = randomUUID().slice(0, 8);

  const eventId = randomUUID();
  await db.query(
    `INSERT INTO events (id, name, timezone, starts_at, ends_at, booking_opens_at, booking_closes_at, max_bookings_per_student, status)
     VALUES ($1, $2, 'UTC', $3, $4, now() - interval '1 hour', $5, $6, 'published')`,
    [eventId, `Allocation instance ${tag}`, at(firstStart), at(lastEnd), new Date(day.getTime() - HOUR), input.maxInterviewsPerStudent],
  );
  await db.query(`INSERT INTO allocation_settings (event_id, preference_choices) VALUES ($1, $2)`, [eventId, input.rankCount ?? 5]);

  const volunteerIds = new Map<string, string>();
  for (const s of input.slots) if (!volunteerIds.has(s.volunteerId)) volunteerIds.set(s.volunteerId, randomUUID());
  const expertise = new Map<string, string[]>();
  for (const g of input.groups ?? []) for (const v of g.volunteerIds) expertise.set(v, [...(expertise.get(v) ?? []), g.id]);
  const volunteers = [...volunteerIds.entries()];
  await db.query(
    `INSERT INTO volunteers (id, email, name, expertise)
     SELECT id, email, name, ARRAY(SELECT jsonb_array_elements_text(tags)) FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) AS x(id, email, name, tags)`,
    [
      volunteers.map(([, id]) => id),
      volunteers.map(([key]) => `${key}-${tag}@volunteers.test`),
      volunteers.map(([key]) => `Volunteer ${key}`),
      volunteers.map(([key]) => JSON.stringify(expertise.get(key) ?? [])),
    ],
  );

  const slotIds = input.slots.map(() => randomUUID());
  await db.query(
    `INSERT INTO slots (id, event_id, volunteer_id, starts_at, ends_at)
     SELECT id, $1, volunteer_id, starts_at, ends_at FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[]) AS x(id, volunteer_id, starts_at, ends_at)`,
    [eventId, slotIds, input.slots.map((s) => volunteerIds.get(s.volunteerId)), input.slots.map((s) => at(s.startsAt)), input.slots.map((s) => at(s.endsAt))],
  );

  const studentIds = input.students.map(() => randomUUID());
  await db.query(
    `INSERT INTO students (id, email, name) SELECT id, email, name FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, email, name)`,
    [studentIds, input.students.map((s) => `${s.id}-${tag}@students.test`), input.students.map((s) => `Student ${s.id}`)],
  );
  const choices = input.students.map((s) =>
    JSON.stringify(
      [...s.choices].sort((a, b) => a.rank - b.rank).map((c) => ('volunteerId' in c ? { volunteerId: volunteerIds.get(c.volunteerId) } : { expertise: 'groupId' in c ? c.groupId : '' })),
    ),
  );
  const unavailable = input.students.map((s) =>
    JSON.stringify((s.unavailable ?? []).map((u) => ({ startsAt: at(u.startsAt).toISOString(), endsAt: at(u.endsAt).toISOString() }))),
  );
  await db.query(
    `INSERT INTO allocation_preferences (event_id, student_id, choices, unavailable)
     SELECT $1, student_id, choices, unavailable FROM unnest($2::uuid[], $3::jsonb[], $4::jsonb[]) AS x(student_id, choices, unavailable)`,
    [eventId, studentIds, choices, unavailable],
  );

  // First-come bookings: each fixed booking takes the slot of its volunteer and time.
  const slotAt = new Map(input.slots.map((s, i) => [`${s.volunteerId}@${s.startsAt}`, i]));
  const bookings = input.students.flatMap((s, i) =>
    (s.fixedBookings ?? []).flatMap((b) => {
      const k = slotAt.get(`${b.volunteerId}@${b.startsAt}`);
      return k === undefined ? [] : [{ slot: slotIds[k], volunteer: volunteerIds.get(b.volunteerId)!, student: studentIds[i], startsAt: at(b.startsAt), endsAt: at(b.endsAt) }];
    }),
  );
  if (bookings.length) {
    await db.query(
      `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
       SELECT $1, slot_id, volunteer_id, student_id, starts_at, ends_at, 1
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[]) AS x(slot_id, volunteer_id, student_id, starts_at, ends_at)`,
      [eventId, bookings.map((b) => b.slot), bookings.map((b) => b.volunteer), bookings.map((b) => b.student), bookings.map((b) => b.startsAt), bookings.map((b) => b.endsAt)],
    );
  }
  return { eventId };
}
