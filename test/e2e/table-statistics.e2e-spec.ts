import { createEvent, createVolunteer } from '../support/factories';
import { useTestApp, TestApp } from '../support/test-app';

/**
 * The machines' PostgreSQL runs without autovacuum (and in production it may not have run
 * between a bulk load and the rush): bulk writes analyze the tables they filled, so the slot
 * page walks the event's index instead of sorting every slot per request.
 */
describe('statistics after bulk writes', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  /** pg_class.reltuples is -1 until a table is first analyzed (PostgreSQL 14+). */
  const analyzedRows = async (table: string) =>
    ((await t.db.query(`SELECT reltuples::int AS n FROM pg_class WHERE oid = $1::regclass`, [table])) as { n: number }[])[0].n;

  it('analyzes students after a CSV import', async () => {
    expect(await analyzedRows('students')).toBe(-1);
    const lines = Array.from({ length: 120 }, (_, i) => `Student ${i},stats-${i}@example.edu,S${i},History,2028`);
    await t
      .http()
      .post('/api/students/import')
      .auth(staff, { type: 'bearer' })
      .set('Content-Type', 'text/csv')
      .send(['name,email,studentNumber,major,graduationYear', ...lines].join('\n'))
      .expect(200);
    expect(await analyzedRows('students')).toBe(120);
  });

  it('analyzes slots once slot generation has written enough of them, and the page query then needs no sort', async () => {
    expect(await analyzedRows('slots')).toBe(-1);
    const event = await createEvent(t, { slotMinutes: 5 });
    for (let i = 0; i < 3; i++) {
      const volunteer = await createVolunteer(t);
      // 09:00-17:00 in 5-minute slots: 96 each, more than autovacuum's base threshold of 50.
      await t
        .http()
        .put(`/api/events/${event.id}/volunteers/${volunteer.id}/availability`)
        .auth(staff, { type: 'bearer' })
        .send({ windows: [{ startsAt: event.startsAt, endsAt: event.endsAt }] })
        .expect(200);
    }
    // Analyzed after the first volunteer (96 ≥ 50); the next threshold is 50 + 10 % of 96.
    expect(await analyzedRows('slots')).toBe(288);
    const plan = (await t.db.query(
      `EXPLAIN (COSTS OFF) SELECT s.id FROM slots s JOIN volunteers v ON v.id = s.volunteer_id
        WHERE s.event_id = $1 ORDER BY s.starts_at, s.id LIMIT 101`,
      [event.id],
    )) as { 'QUERY PLAN': string }[];
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/Sort/);
  });
});
