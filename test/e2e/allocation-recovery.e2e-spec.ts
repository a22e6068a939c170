import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { existsSync } from 'node:fs';
import { QueueName } from '../../src/queue/jobs';
import { generateReferenceInstance } from '../../src/allocation/solver/instance-generator';
import { seedAllocationInstance } from '../support/allocation-seed';
import { FairgridProcess, MAIN } from '../support/process';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * A worker SIGKILLed in the middle of a run (issue 3): BullMQ's stalled-job check in another
 * worker process moves the job back, and the run completes once, with the result an
 * uninterrupted run with the same seed gives. Needs `npm run build` (dist/main.js).
 */
describe('allocation run survives a killed worker', () => {
  let t: TestApp;
  let staff: string;
  let eventId: string;
  const workers: FairgridProcess[] = [];

  const startWorker = () => {
    const e = t.env;
    const worker = new FairgridProcess({
      FAIRGRID_ROLE: 'worker',
      DATABASE_URL: e.DATABASE_URL,
      REDIS_URL: e.REDIS_URL,
      SMTP_URL: e.SMTP_URL,
      MAIL_FROM: e.MAIL_FROM,
      PUBLIC_URL: e.PUBLIC_URL,
      JWT_SECRET: e.JWT_SECRET,
      ADMIN_EMAIL: e.ADMIN_EMAIL,
      ADMIN_PASSWORD: e.ADMIN_PASSWORD,
      QUEUE_PREFIX: e.QUEUE_PREFIX,
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'warn',
    });
    workers.push(worker);
    return worker;
  };
  const runOf = async (id: string) => (await t.http().get(`/api/allocation-runs/${id}`).auth(staff, { type: 'bearer' }).expect(200)).body;
  const assignmentsOf = (id: string): Promise<unknown[]> =>
    t.db.query(`SELECT slot_id, student_id, volunteer_id, starts_at, ends_at, rank FROM allocation_assignments WHERE run_id = $1 ORDER BY slot_id`, [id]);

  beforeAll(async () => {
    expect(existsSync(MAIN)).toBe(true);
    // The API in this process only enqueues; the runs happen in the spawned workers.
    t = await createTestApp({ FAIRGRID_ROLE: 'api' });
    staff = await t.staffToken();
    // The reference instance (6,000 students): its solve runs for seconds after the first
    // progress report (written after 0.5 s at the earliest), time enough to be hit mid-way.
    ({ eventId } = await seedAllocationInstance(t.db, generateReferenceInstance()));
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited()));
    await t.close();
  });

  it('is picked up again after SIGKILL and completes once with the same result as an uninterrupted run', async () => {
    const first = startWorker();
    const started = await t.http().post(`/api/events/${eventId}/allocation-runs`).auth(staff, { type: 'bearer' }).send({ seed: 'sigkill' }).expect(202);
    const runId: string = started.body.id;

    // Kill as soon as the solver thread reports progress: the run is in the middle of its solve.
    const seen = await waitFor(async () => {
      const run = await runOf(runId);
      return run.status === 'running' && run.progress > 0 && run;
    }, 60_000);
    first.kill('SIGKILL');
    expect(await first.exited()).toBe('SIGKILL');
    expect(seen.progress).toBeLessThan(100);
    expect((await runOf(runId)).status).toBe('running');

    // A second worker finds the job stalled (its lock was not renewed) and runs it again.
    startWorker();
    const done = await waitFor(async () => {
      const run = await runOf(runId);
      return ['completed', 'failed'].includes(run.status) && run;
    }, 240_000);
    expect(done).toMatchObject({ status: 'completed', progress: 100, error: null });
    const stored = await assignmentsOf(runId);
    expect(stored).toHaveLength(done.stats.interviewsPlaced);
    expect(done.stats.interviewsPlaced).toBeGreaterThan(1000);
    // Recovered as a stalled job (its lock lapsed) and finished by one attempt, not by retries after failures.
    const job = await t.app.get<Queue>(getQueueToken(QueueName.Allocation)).getJob(runId);
    expect({ stalledCounter: job?.stalledCounter, attemptsMade: job?.attemptsMade, failedReason: job?.failedReason, finished: !!job?.finishedOn }).toEqual({
      stalledCounter: 1,
      attemptsMade: 1,
      failedReason: undefined,
      finished: true,
    });

    // Uninterrupted, same snapshot and seed: the same assignments and statistics.
    const again = await t.http().post(`/api/events/${eventId}/allocation-runs`).auth(staff, { type: 'bearer' }).send({ seed: 'sigkill' }).expect(202);
    const control = await waitFor(async () => {
      const run = await runOf(again.body.id);
      return ['completed', 'failed'].includes(run.status) && run;
    }, 240_000);
    expect(control.status).toBe('completed');
    expect(control.stats).toEqual(done.stats);
    expect(control.unplaced).toEqual(done.unplaced);
    expect(await assignmentsOf(again.body.id)).toEqual(stored);
    const fingerprints: { input_fingerprint: string }[] = await t.db.query(`SELECT DISTINCT input_fingerprint FROM allocation_runs WHERE event_id = $1`, [eventId]);
    expect(fingerprints).toHaveLength(1);
    // Two solves of 6,000 students and a stalled-job check: a minute or more on a loaded 2-core machine.
  }, 600_000);
});
