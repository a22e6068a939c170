import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { evil, EVIL_STRINGS, RAW_BODIES, resolve, Schema, spoiled, valid } from '../support/fuzz';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Property-based fuzzing driven by the OpenAPI document: every operation it lists, with
 * generated bodies (valid, spoiled in one field, wrong types, edge values, not JSON at all),
 * query strings, path parameters and headers, as anonymous and as each role. For every case:
 * no 5xx, every error in the one JSON shape with nothing internal in it, and a rejected
 * request changes no row (a trigger on every table counts committed row changes).
 * FUZZ_RUNS (default 2000) cases; FUZZ_SEED replays a run.
 */
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema; required?: boolean }[];
  body?: { type: string; schema?: Schema };
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const LEAKS = [/QueryFailedError/, /at [\w.$<>]+ \([^)]*:\d+:\d+\)|at (file:\/\/)?\/[^ ]+:\d+:\d+/, /node_modules/, /\bSELECT\b.*\bFROM\b/, /\bINSERT INTO\b/, /violates .* constraint/, /TypeError|ReferenceError|URIError/];
/** Rows a rejected request may write on purpose: an Idempotency-Key keeps the error it answered with. */
const TABLES_WRITTEN_ON_REJECTION = ['idempotency_keys'];

/** encodeURIComponent, except for text no URL can carry (a lone surrogate): then bytes that are not UTF-8. */
const enc = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let base: string;
  let ids: string[];
  let tokens: Record<string, string | undefined>;
  let operations: Operation[];
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    // An API process, as in production: no worker writes in the background between two cases.
    t = await createTestApp({
      FAIRGRID_ROLE: 'api',
      RATE_LIMIT_SIGN_IN_PER_CLIENT: '100000/1m',
      RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '100000/1m',
      RATE_LIMIT_EXPENSIVE_PER_CALLER: '100000/1m',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

    const staff = await t.staffToken();
    const event = await createEvent(t, { maxBookingsPerStudent: 3 });
    const draft = await createEvent(t, { publish: false, startsAt: hoursAfter(event.startsAt, 48), endsAt: hoursAfter(event.startsAt, 52) });
    const volunteer = await createVolunteer(t);
    const student = await createStudent(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 3));
    const booking = await t.http().post('/api/bookings').auth(staff, { type: 'bearer' }).send({ slotId: slots[0].id, studentId: student.id }).expect(201);
    const exhibitor = await t.http().post(`/api/events/${event.id}/exhibitors`).auth(staff, { type: 'bearer' }).send({ organization: 'Fuzz Corp' }).expect(201);
    const feed = await t.http().get('/api/students/me/calendar').auth(student.token, { type: 'bearer' }).expect(200);
    const feedToken = /\/calendar\/([^/]+)\.ics$/.exec(feed.body.url)![1];
    ids = [event.id, draft.id, volunteer.id, student.id, slots[1].id, slots[2].id, booking.body.id, exhibitor.body.id, feedToken];
    tokens = { none: undefined, staff, student: student.token, volunteer: volunteer.token, garbage: 'not.a.jwt' };

    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content: Record<string, { schema?: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    schemas = doc.components.schemas;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const [type, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
        return { method, path, params: op.parameters ?? [], body: type ? { type, schema: content?.schema } : undefined };
      }),
    );

    // Counts every committed row change, in every table but those a rejection may write.
    await t.db.query(`CREATE TABLE fuzz_writes (n bigint NOT NULL); INSERT INTO fuzz_writes VALUES (0)`);
    await t.db.query(`CREATE FUNCTION fuzz_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE fuzz_writes SET n = n + 1; RETURN NULL; END $$`);
    const tables: { name: string }[] = await t.db.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('fuzz_writes', 'migrations', ${TABLES_WRITTEN_ON_REJECTION.map((n) => `'${n}'`).join(', ')})`,
    );
    for (const { name } of tables) {
      await t.db.query(`CREATE TRIGGER fuzz_count AFTER INSERT OR UPDATE OR DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION fuzz_count()`);
    }
  });
  afterAll(() => t.close());

  const writes = async () => Number((await t.db.query(`SELECT n FROM fuzz_writes`))[0].n);

  it(`answers ${RUNS} generated requests without a 5xx, a leak or a write by a rejected request`, async () => {
    expect(operations.length).toBeGreaterThan(60);
    const pathValue = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...ids) },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: fc.constantFrom(...EVIL_STRINGS.filter((s) => s.length > 0 && s.length < 300)) },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
    );
    // URLs stay under Node's 16 KB header limit, past which its parser answers 431 before any of our code runs.
    const shortEvil = EVIL_STRINGS.filter((s) => s.length < 1_000);
    const queryValue = (schema?: Schema) =>
      fc.oneof(
        { weight: 4, arbitrary: valid(schema, schemas, ids).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 1_000)) },
        { weight: 2, arbitrary: fc.constantFrom(...shortEvil) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      );
    const caseOf = (op: Operation) => {
      const jsonBody = op.body && op.body.type.includes('json');
      const validBody = op.body ? valid(resolve(op.body.schema, schemas), schemas, ids) : fc.constant(undefined);
      return fc.record({
        who: fc.constantFrom('none', 'staff', 'student', 'volunteer', 'garbage', 'staff', 'staff'),
        path: fc.record(Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, pathValue]))),
        query: fc.record(
          Object.fromEntries(op.params.filter((p) => p.in === 'query').map((p) => [p.name, fc.oneof(queryValue(p.schema), fc.array(queryValue(p.schema), { minLength: 2, maxLength: 3 }))])),
          { requiredKeys: [] },
        ),
        extraQuery: fc.option(fc.tuple(fc.constantFrom('sort', 'limit', 'cursor', '__proto__', 'x'), fc.constantFrom(...shortEvil)), { freq: 8 }),
        body: jsonBody
          ? fc.oneof(
              { weight: 2, arbitrary: validBody.map((v) => ({ json: v })) },
              { weight: 5, arbitrary: validBody.chain(spoiled).map((v) => ({ json: v })) },
              { weight: 1, arbitrary: evil.map((v) => ({ json: v })) },
              { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map(([type, raw]) => ({ type, raw })) },
              { weight: 1, arbitrary: fc.constant(undefined) },
            )
          : op.body
            ? fc.oneof(
                fc.string({ maxLength: 200 }).map((raw) => ({ type: op.body!.type, raw })),
                fc.constantFrom(...RAW_BODIES).map(([type, raw]) => ({ type, raw })),
              )
            : fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map(([type, raw]) => ({ type, raw })) }, { weight: 1, arbitrary: evil.map((v) => ({ json: v })) }),
        headers: fc.record(
          {
            'Idempotency-Key': fc.oneof(fc.uuid(), fc.string({ maxLength: 300 }), fc.constantFrom('', ' ', 'k'.repeat(256))),
            'X-Request-Id': fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom('ok-id', '../../x', 'a'.repeat(101))),
            'If-Match': fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('"0"', '"1"', '*', 'W/"1"')),
            'If-None-Match': fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('*', '"x"')),
          },
          { requiredKeys: [] },
        ),
      });
    };
    const cases = fc.constantFrom(...operations).chain((op) => caseOf(op).map((c) => ({ op, ...c })));

    const statuses = new Map<number, number>();
    const touched = new Set<string>();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const path =
          c.op.path.replace(/\{(\w+)\}/g, (_, name: string) => enc(String((c.path as Record<string, unknown>)[name] ?? ''))) +
          buildQuery(c.query as Record<string, string | string[]>, c.extraQuery);
        let req = request(base)[c.op.method as 'get'](path);
        const token = tokens[c.who];
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        for (const [name, value] of Object.entries(c.headers)) {
          if (/^[\t\x20-\x7e]*$/.test(value as string)) req = req.set(name, value as string);
        }
        if (c.body && 'raw' in c.body) req = req.set('Content-Type', c.body.type).send(c.body.raw);
        else if (c.body && 'json' in c.body) req = req.set('Content-Type', 'application/json').send(JSON.stringify(c.body.json) ?? 'null');

        const before = await writes();
        const res = await req;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        touched.add(`${c.op.method} ${c.op.path}`);
        // Images and calendars arrive as buffers, JSON and text as text.
        const text = typeof res.text === 'string' ? res.text : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '';
        const what = `${c.op.method.toUpperCase()} ${path.slice(0, 200)} as ${c.who} → ${res.status} ${text.slice(0, 300)}`;
        if (res.status >= 500) throw new Error(`5xx: ${what}`);
        if (res.status >= 400) {
          expect({ what, json: /^application\/json/.test(res.headers['content-type'] ?? '') }).toEqual({ what, json: true });
          expect({ what, statusCode: res.body.statusCode, code: /^[A-Z][A-Z_]+$/.test(res.body.code), message: typeof res.body.message }).toEqual({
            what,
            statusCode: res.status,
            code: true,
            message: 'string',
          });
          const after = await writes();
          if (after !== before) throw new Error(`A rejected request wrote ${after - before} row(s): ${what}`);
        }
        for (const leak of LEAKS) if (leak.test(text)) throw new Error(`Leak ${leak}: ${what}`);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const seconds = (performance.now() - started) / 1000;
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ');
    process.stdout.write(`fuzz: ${RUNS} cases over ${touched.size} of ${operations.length} operations in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${histogram}\n`);
    // The run reached (nearly) every operation, and not only with refusals.
    expect(touched.size).toBeGreaterThanOrEqual(Math.min(operations.length, Math.floor(RUNS / 20)));
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  }, 600_000);
});

function buildQuery(query: Record<string, string | string[]>, extra: [string, string] | null): string {
  const pairs = Object.entries(query).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${enc(name)}=${enc(String(v))}`));
  if (extra) pairs.push(`${enc(extra[0])}=${enc(extra[1])}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}
