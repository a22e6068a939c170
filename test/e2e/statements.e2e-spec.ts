import { declaredOids, declaredStatements } from '../../src/database/statement';
import { describer } from '../support/describe-statement';
import { createEvent, createVolunteer } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Every named statement against the migrated schema: PostgreSQL parses it (so every table and
 * column it names exists, and every parameter's type can be inferred) and describes the
 * columns it returns, which must be the ones the statement declares, names and types. A
 * migration that renames, drops or retypes something a statement relies on fails here,
 * whether or not another test happens to run that statement.
 */
describe('named statements against the migrated schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ FAIRGRID_ROLE: 'api' });
    // Statements built at run time (one per combination of the slot page's filters) exist once used.
    const staff = await t.staffToken();
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const query = { available: 'true', volunteerId: volunteer.id, expertise: 'software', from: event.startsAt, to: event.endsAt, limit: 5 };
    await t.http().get(`/api/events/${event.id}/slots`).query(query).auth(staff, { type: 'bearer' }).expect(200);
    await t.http().get(`/api/events/${event.id}/volunteers/${volunteer.id}/availability`).auth(staff, { type: 'bearer' }).expect(200);
  });
  afterAll(() => t.close());

  it('each parses and returns the columns it declares', async () => {
    const statements = declaredStatements();
    expect(statements.length).toBeGreaterThan(40);
    expect(statements.some((s) => s.name.startsWith('slots.page-of-event:'))).toBe(true);
    expect(statements.some((s) => s.name.startsWith('slots.page:'))).toBe(true);
    const postgres = await describer(t.env.DATABASE_URL);
    const problems: string[] = [];
    try {
      for (const statement of statements) {
        try {
          const { fields } = await postgres.describe(statement.text);
          const got = fields.map((f) => `${f.name}:${f.dataTypeID}`).join(', ');
          const want = Object.keys(statement.columns).map((name, i) => `${name}:${declaredOids(statement.columns)[i]}`).join(', ');
          if (got !== want) problems.push(`${statement.name} returns (${got}), declares (${want})`);
        } catch (error) {
          problems.push(`${statement.name}: ${(error as Error).message}`);
        }
      }
    } finally {
      postgres.close();
    }
    expect(problems).toEqual([]);
  });
});
