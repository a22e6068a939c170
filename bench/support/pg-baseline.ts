import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { cpuOf, cpuSince } from './pg-cpu';

/**
 * The floor a booking cannot beat: Node and `pg` alone running the booking's claim statement
 * (the INSERT … ON CONFLICT DO NOTHING that PostgreSQL arbitrates), prepared, on a pool of 20
 * like the app's, with the same attempts and the same number in flight. No HTTP, no token, no
 * validation, no answer to render: what is left is the database's own work plus a round trip.
 */
const CLAIM = `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
  SELECT $1, $2, $3, $4, $5, $6, n
    FROM generate_series(1, $7::int) AS n
   WHERE NOT EXISTS (SELECT 1 FROM bookings b
                      WHERE b.event_id = $1 AND b.student_id = $4 AND b.status = 'confirmed' AND b.booking_number = n)
   ORDER BY n
   LIMIT 1
  ON CONFLICT DO NOTHING
  RETURNING id`;

export interface BaselineAttempt {
  eventId: string;
  slotId: string;
  volunteerId: string;
  studentId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface BaselineResult {
  elapsedMs: number;
  ms: number[];
  inserted: number;
  errors: number;
  /** CPU milliseconds the pool's PostgreSQL backends used during the run. */
  pgCpuMs: number;
}

/** A statement and the parameters of each attempt. */
export interface BaselineStatement {
  name: string;
  text: string;
  params: (attempt: BaselineAttempt) => unknown[];
}

export const CLAIM_ONLY = (maxBookings: number): BaselineStatement => ({
  name: 'bench_claim',
  text: CLAIM,
  params: (a) => [a.eventId, a.slotId, a.volunteerId, a.studentId, a.startsAt, a.endsAt, maxBookings],
});

export async function runBaseline(databaseUrl: string, attempts: BaselineAttempt[], concurrency: number, statement: BaselineStatement): Promise<BaselineResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  try {
    // Open the connections before the clock starts, as the app's pool has them open.
    const backends = await Promise.all(Array.from({ length: 20 }, () => pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')));
    const pids = [...new Set(backends.map((r) => r.rows[0].pid))];
    const ms = new Array<number>(attempts.length);
    let [next, inserted, errors] = [0, 0, 0];
    const lane = async () => {
      while (next < attempts.length) {
        const i = next++;
        const a = attempts[i];
        const started = performance.now();
        try {
          const res = await pool.query({ name: statement.name, text: statement.text, values: statement.params(a) });
          inserted += res.rowCount ?? 0;
        } catch {
          errors++;
        }
        ms[i] = performance.now() - started;
      }
    };
    const [started, cpuBefore] = [performance.now(), cpuOf(pids)];
    await Promise.all(Array.from({ length: Math.min(concurrency, attempts.length) }, lane));
    const elapsedMs = performance.now() - started;
    return { elapsedMs, ms, inserted, errors, pgCpuMs: cpuSince(cpuBefore, cpuOf(pids)) };
  } finally {
    await pool.end();
  }
}
