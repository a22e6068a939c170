/**
 * Whole allocation run benchmark (issue 3): `npm run bench:allocation-run`.
 *
 * Boots the real app (role `all`, the processor in this process, the solver in a worker
 * thread) on a fresh database, writes the seeded reference instance into it (6,000 students,
 * 300 volunteers, 4,800 slots, first-come bookings), and times what staff wait for: from
 * `POST /api/events/:id/allocation-runs` until the run reads `completed` (queue pickup,
 * snapshot load, solve, storing the assignments), then the publish transaction that turns the
 * assignments into bookings. Runs RUNS times on copies of the instance in the same database.
 */
import { performance } from 'node:perf_hooks';
import { generateReferenceInstance, REFERENCE_INSTANCE } from '../src/allocation/solver/instance-generator';
import { seedAllocationInstance } from '../test/support/allocation-seed';
import { createTestApp } from '../test/support/test-app';
import { waitFor } from '../test/support/wait-for';
import { currentLoad, describeMachine } from './support/machine';

const RUNS = 3;
const SEED = 'bench-2026';

async function main(): Promise<void> {
  const t = await createTestApp();
  try {
    const staff = await t.staffToken();
    const machine = await describeMachine(t.db);
    console.log(`machine: ${JSON.stringify(machine)}`);
    console.log(`instance: ${JSON.stringify(REFERENCE_INSTANCE)}; seed ${JSON.stringify(SEED)}\n`);
    const input = generateReferenceInstance();
    const rows: string[] = [];
    let peakRssMb = 0;
    for (let i = 0; i < RUNS; i++) {
      // A fresh copy each time: publishing books the slots of the one before.
      const seedStarted = performance.now();
      const { eventId } = await seedAllocationInstance(t.db, input, 2 + i);
      const seedMs = performance.now() - seedStarted;

      const started = performance.now();
      const res = await t.http().post(`/api/events/${eventId}/allocation-runs`).auth(staff, { type: 'bearer' }).send({ seed: SEED }).expect(202);
      const run = await waitFor(async () => {
        const r = await t.http().get(`/api/allocation-runs/${res.body.id}`).auth(staff, { type: 'bearer' }).expect(200);
        return ['completed', 'failed'].includes(r.body.status) && r.body;
      }, 120_000);
      const wholeMs = performance.now() - started;
      if (run.status !== 'completed') throw new Error(`run failed: ${run.error}`);
      const [{ run_ms: runMs }]: { run_ms: number }[] = await t.db.query(
        `SELECT extract(epoch FROM finished_at - started_at) * 1000 AS run_ms FROM allocation_runs WHERE id = $1`,
        [run.id],
      );

      const publishStarted = performance.now();
      const published = await t.http().post(`/api/allocation-runs/${run.id}/publish`).auth(staff, { type: 'bearer' }).expect(200);
      const publishMs = performance.now() - publishStarted;
      peakRssMb = Math.max(peakRssMb, process.resourceUsage().maxRSS / 1024);

      const { loadMs, solveMs } = run.timings;
      const storeMs = Number(runMs) - loadMs - solveMs;
      const s = run.stats;
      rows.push(
        `| ${i + 1} | ${(wholeMs / 1000).toFixed(2)} s | ${(loadMs / 1000).toFixed(2)} s | ${(solveMs / 1000).toFixed(2)} s | ${(storeMs / 1000).toFixed(2)} s | ${(publishMs / 1000).toFixed(2)} s (${published.body.bookingsCreated} bookings) | ${s.studentsPlaced} / ${s.interviewsPlaced} | ${s.gapPercent} | ${(seedMs / 1000).toFixed(1)} s | ${currentLoad()} |`,
      );
      console.log(rows.at(-1));
    }
    console.log('\n| run | POST → completed | load | solve (thread) | store + bookkeeping | publish | students / interviews placed | gap % | seeding | load avg |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const row of rows) console.log(row);
    console.log(`\npeak RSS of the process (app + solver thread + bench): ${peakRssMb.toFixed(0)} MiB`);
  } finally {
    await t.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
