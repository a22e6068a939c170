import { randomUUID } from 'node:crypto';
import { ApiProcess, BENCH_ADMIN, signToken } from './api-process';

/**
 * Sets a benchmark up through the public API, as a career office would: one event, volunteers
 * and their availability (slot generation), students from one CSV import. So whatever the app
 * does after bulk writes (e.g. ANALYZE) happened before the measurement, as in production.
 */

const HOUR = 3600_000;

export interface SeededEvent {
  eventId: string;
  slots: { id: string; eventId: string; volunteerId: string; startsAt: string; endsAt: string }[];
  students: { id: string; token: string }[];
  staffToken: string;
}

async function call<T>(api: ApiProcess, token: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const res = await fetch(`${api.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

export interface SeedPlan {
  volunteers: number;
  /** Each volunteer is available 09:00-17:00 UTC tomorrow; 480 / slotMinutes slots each. */
  slotMinutes: number;
  students: number;
  maxBookingsPerStudent: number;
}

export async function seedEvent(api: ApiProcess, plan: SeedPlan): Promise<SeededEvent> {
  const login = await fetch(`${api.origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const staffToken = ((await login.json()) as { accessToken: string }).accessToken;
  const day = new Date(Date.now() + 24 * HOUR);
  day.setUTCHours(0, 0, 0, 0);
  const startsAt = new Date(day.getTime() + 9 * HOUR).toISOString();
  const endsAt = new Date(day.getTime() + 17 * HOUR).toISOString();
  const event = await call<{ id: string }>(api, staffToken, 'POST', '/api/events', {
    name: 'Booking opens',
    location: 'Student Union',
    timezone: 'America/New_York',
    startsAt,
    endsAt,
    bookingOpensAt: new Date(Date.now() - HOUR).toISOString(),
    bookingClosesAt: new Date(day.getTime() + 8 * HOUR).toISOString(),
    slotMinutes: plan.slotMinutes,
    breakMinutes: 0,
    maxBookingsPerStudent: plan.maxBookingsPerStudent,
  });
  await call(api, staffToken, 'POST', `/api/events/${event.id}/publish`);
  const batch = randomUUID().slice(0, 8);
  await inBatches(
    Array.from({ length: plan.volunteers }, (_, i) => i),
    8,
    async (i) => {
      const v = await call<{ id: string }>(api, staffToken, 'POST', '/api/volunteers', {
        name: `Volunteer ${i}`,
        email: `v${i}-${batch}@example.com`,
        organization: `Employer ${i % 40}`,
        title: 'Recruiter',
        expertise: [['software', 'finance', 'design', 'consulting'][i % 4]],
      });
      await call(api, staffToken, 'PUT', `/api/events/${event.id}/volunteers/${v.id}/availability`, { windows: [{ startsAt, endsAt }] });
    },
  );
  const { rows: slots } = await api.db.query(
    `SELECT id, event_id AS "eventId", volunteer_id AS "volunteerId", starts_at AS "startsAt", ends_at AS "endsAt"
       FROM slots WHERE event_id = $1 ORDER BY starts_at, id`,
    [event.id],
  );
  const lines = Array.from({ length: plan.students }, (_, i) => `Student ${i},s${i}-${batch}@example.edu,B${i},Economics,2027`);
  await call(api, staffToken, 'POST', '/api/students/import', ['name,email,studentNumber,major,graduationYear', ...lines].join('\n'), 'text/csv');
  const { rows: students } = await api.db.query<{ id: string }>(`SELECT id FROM students WHERE email LIKE $1 ORDER BY email`, [`%-${batch}@example.edu`]);
  return {
    eventId: event.id,
    slots,
    students: students.map(({ id }) => ({ id, token: signToken(api.jwtSecret, 'student', id) })),
    staffToken,
  };
}
