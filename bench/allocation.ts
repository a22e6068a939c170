/**
 * Allocation benchmark (issues 3 and 14): `npm run bench:allocation`.
 *
 * Each instance size is solved in its own child process so its peak RSS is its own. The
 * reference instance (6,000 students) is also checked against every hard constraint, run once
 * more through the worker thread (the result must be byte-identical), and compared with the
 * first-come and random-serial-dictatorship baselines on the same instance. The fair-floor
 * variant (issue 14: 12,000 students, 600 volunteers in organizations of 1–6 interviewers, a
 * third with minimums, ratings 1–5 with ties, limits from acceptable ratings) gets the same.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runBaseline, summarize } from '../src/allocation/solver/baselines';
import { generateFloorInstance, generateReferenceInstance, REFERENCE_INSTANCE } from '../src/allocation/solver/instance-generator';
import { runAllocationInWorker } from '../src/allocation/solver/run-in-worker';
import { solveAllocation } from '../src/allocation/solver/solve';
import type { AllocationInput, AllocationResult } from '../src/allocation/solver/types';
import { findViolations } from '../src/allocation/solver/verify';

const SEED = 'bench-2026';
const SIZES = [1000, 3000, 6000, 12000];
const RUNS = 3;

/** The issue-14 variant: twice the students and volunteers, organizations, minimums, ratings with ties. */
const FLOOR = { students: 12000, volunteers: 600 };

interface SizeReport {
  /** -1 marks the popular-tag stress instance, -2 the fair-floor variant. */
  students: number;
  slots: number;
  choicePairs: number;
  coldMs: number;
  medianMs: number;
  peakRssMb: number;
  result: AllocationResult;
  violations: string[];
}

/**
 * Memory stress for expertise choices: 12,000 students who all rank the largest tag first
 * (about two million (student, volunteer) pairs once expanded).
 */
function popularTagStress(): AllocationInput {
  const input = generateReferenceInstance({ students: 12000, tagChoiceShare: 0.6 });
  const largest = [...(input.groups ?? [])].sort((a, b) => b.volunteerIds.length - a.volunteerIds.length)[0];
  const students = input.students.map((s) => ({
    ...s,
    choices: [
      { rank: 1, groupId: largest.id },
      ...s.choices
        .filter((c) => !('groupId' in c) || c.groupId !== largest.id)
        .slice(0, 4)
        .map((c, i) => ({ ...c, rank: i + 2 })),
    ],
  }));
  return { ...input, students };
}

function instanceFor(students: number): AllocationInput {
  if (students === -1) return popularTagStress();
  if (students === -2) return generateFloorInstance(FLOOR);
  return generateReferenceInstance({ students });
}

function measureSize(students: number): SizeReport {
  const input = instanceFor(students);
  const groups = new Map((input.groups ?? []).map((g) => [g.id, g.volunteerIds.length]));
  const choicePairs = input.students.reduce(
    (sum, s) => sum + s.choices.reduce((n, c) => n + ('groupId' in c ? (groups.get(c.groupId) ?? 0) : 1), 0),
    0,
  );
  const times: number[] = [];
  let result: AllocationResult | undefined;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    result = solveAllocation(input, { seed: SEED });
    times.push(performance.now() - started);
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  if (!result) throw new Error('no run');
  const sorted = [...times].sort((a, b) => a - b);
  return {
    students,
    slots: input.slots.filter((s) => s.capacity > 0).length,
    choicePairs,
    coldMs: times[0],
    medianMs: sorted[Math.floor(RUNS / 2)],
    peakRssMb,
    result,
    violations: findViolations(input, result),
  };
}

function inChild(students: number): SizeReport {
  const out = execFileSync(process.execPath, [__filename, '--size', String(students)], { maxBuffer: 1 << 30, encoding: 'utf8' });
  return JSON.parse(out) as SizeReport;
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

/** Fairgrid against first-come and random serial dictatorship on the same input: the issue-14 figures. */
function sideBySide(input: AllocationInput, result: AllocationResult): void {
  const rows = [
    { name: 'Fairgrid', ...summarize(result.assignments, input) },
    { name: 'first-come', ...summarize(runBaseline(input, 'first-come', SEED), input) },
    { name: 'serial dictatorship', ...summarize(runBaseline(input, 'serial-dictatorship', SEED), input) },
  ];
  console.log('  method               students placed  interviews  mean rank  total cost  worst regret (students)');
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(20)} ${String(r.studentsPlaced).padStart(15)}  ${String(r.interviewsPlaced).padStart(10)}  ${fmt(r.meanRank, 3).padStart(9)}  ${String(r.totalCost).padStart(10)}  ${r.worstRegret} (${r.studentsAtWorstRegret})`,
    );
  }
}

function regretLines(r: AllocationResult): void {
  const s = r.stats;
  console.log(`  worst regret       ${s.worstRegret} (${s.studentsAtWorstRegret} students); lower bound ${s.regretLowerBound}: ${s.regretProven ? 'proven least' : 'not proven'}`);
  const totalCost = r.assignments.reduce((n, a) => n + a.rank - 1, 0);
  console.log(`  total cost         ${totalCost} (sum of rank - 1); objective ${s.objective}, bound ${s.upperBound}, gap ${s.gapPercent} %`);
  if (r.loads.length) {
    const released = r.loads.filter((l) => l.status === 'released');
    console.log(`  minimums           ${r.loads.length - released.length} met, ${released.length} released (${released.map((l) => `${l.id} ${l.interviews}/${l.minInterviews}`).slice(0, 5).join(', ')}${released.length > 5 ? ', …' : ''})`);
  }
}

async function main(): Promise<void> {
  const sizeArg = process.argv.indexOf('--size');
  if (sizeArg >= 0) {
    process.stdout.write(JSON.stringify(measureSize(Number(process.argv[sizeArg + 1]))));
    return;
  }

  const cpu = cpus();
  console.log(`machine: ${cpu.length} cores, ${cpu[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}`);
  console.log(`reference instance: ${JSON.stringify(REFERENCE_INSTANCE)}; solver seed ${JSON.stringify(SEED)}\n`);

  const reports = SIZES.map(inChild);
  const reference = reports.find((r) => r.students === REFERENCE_INSTANCE.students);
  if (!reference) throw new Error('the scale curve must include the reference size');

  const s = reference.result.stats;
  console.log('Reference instance (6,000 students)');
  console.log(`  solver time        ${fmt(reference.coldMs)} ms cold, ${fmt(reference.medianMs)} ms median of ${RUNS} (target ≤ 10,000 ms)`);
  console.log(`  peak RSS           ${fmt(reference.peakRssMb)} MiB (whole process: generator, input, ${RUNS} solves; target ≤ 1,536 MiB)`);
  console.log(`  slots with room    ${reference.slots}; (student, volunteer) choice pairs after tag expansion ${reference.choicePairs}`);
  console.log(`  studentsWithPreferences ${s.studentsWithPreferences}`);
  console.log(`  studentsPlaced     ${s.studentsPlaced}`);
  console.log(`  interviewsPlaced   ${s.interviewsPlaced}`);
  console.log(`  choiceHistogram    ${s.choiceHistogram.map((n, i) => `${i + 1}: ${n}`).join(', ')}`);
  console.log(`  objective          ${s.objective}`);
  console.log(`  upperBound         ${s.upperBound}`);
  console.log(`  gapPercent         ${s.gapPercent} (target ≤ 1)`);
  for (const level of reference.result.leximin) {
    const exact = level.students === level.upperBound ? 'exact' : 'NOT proven';
    console.log(`  leximin ≥${level.interviews}         ${level.students} students, relaxation bound ${level.upperBound} (${exact})`);
  }
  const reasons = new Map<string, number>();
  reference.result.unplaced.forEach((u) => reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1));
  console.log(`  unplaced           ${[...reasons].map(([r, n]) => `${r}: ${n}`).join(', ') || 'none'}`);
  console.log(`  constraint check   ${reference.violations.length === 0 ? 'all hard constraints hold' : reference.violations.slice(0, 5).join('; ')}`);
  regretLines(reference.result);

  const input = generateReferenceInstance({ students: REFERENCE_INSTANCE.students });
  const workerStarted = performance.now();
  const viaWorker = await runAllocationInWorker(input, { seed: SEED, workerFile: join(__dirname, '../src/allocation/solver/solver.worker.js') });
  const workerMs = performance.now() - workerStarted;
  const identical = JSON.stringify(viaWorker) === JSON.stringify(reference.result);
  console.log(`  worker thread      ${fmt(workerMs)} ms incl. thread start and input copy; result byte-identical: ${identical}`);

  console.log('\nSide by side on the reference instance (same instance; baselines seeded with the same seed)');
  sideBySide(input, reference.result);

  const floor = inChild(-2);
  const floorInput = generateFloorInstance(FLOOR);
  console.log(`\nFair-floor variant (issue 14): ${FLOOR.students} students, ${FLOOR.volunteers} volunteers in ${floorInput.organizations?.length} organizations of 1-6, ratings with ties`);
  console.log(`  solver time        ${fmt(floor.coldMs)} ms cold, ${fmt(floor.medianMs)} ms median of ${RUNS}`);
  console.log(`  peak RSS           ${fmt(floor.peakRssMb)} MiB`);
  console.log(`  slots with room    ${floor.slots}; choice pairs ${floor.choicePairs}`);
  const fs = floor.result.stats;
  console.log(`  placed             ${fs.studentsPlaced} students, ${fs.interviewsPlaced} interviews; choices ${fs.choiceHistogram.map((n, i) => `${i + 1}: ${n}`).join(', ')}`);
  for (const level of floor.result.leximin) {
    console.log(`  leximin ≥${level.interviews}         ${level.students} students, bound ${level.upperBound} (${level.students === level.upperBound ? 'exact' : 'NOT proven'})`);
  }
  regretLines(floor.result);
  console.log(`  constraint check   ${floor.violations.length === 0 ? 'all hard constraints hold' : floor.violations.slice(0, 5).join('; ')}`);
  sideBySide(floorInput, floor.result);

  console.log('\nScale curve (each size in a fresh process; same generator, same seed)');
  console.log('  students  slots  choice pairs  cold ms  median ms  peak RSS MiB  placed  interviews  gap %  leximin exact');
  for (const r of reports) {
    const exact = r.result.leximin.every((l) => l.students === l.upperBound);
    console.log(
      `  ${String(r.students).padStart(8)}  ${String(r.slots).padStart(5)}  ${String(r.choicePairs).padStart(12)}  ${fmt(r.coldMs).padStart(7)}  ${fmt(r.medianMs).padStart(9)}  ${fmt(r.peakRssMb).padStart(12)}  ${String(r.result.stats.studentsPlaced).padStart(6)}  ${String(r.result.stats.interviewsPlaced).padStart(10)}  ${fmt(r.result.stats.gapPercent, 3).padStart(5)}  ${exact ? 'yes' : 'no'}${r.violations.length ? '  VIOLATIONS' : ''}`,
    );
  }
  for (const r of reports) {
    const fc = summarize(runBaseline(generateReferenceInstance({ students: r.students }), 'first-come', SEED));
    const sd = summarize(runBaseline(generateReferenceInstance({ students: r.students }), 'serial-dictatorship', SEED));
    const ours = summarize(r.result.assignments);
    console.log(
      `  ${String(r.students).padStart(8)} students: placed/interviews/mean rank  Fairgrid ${ours.studentsPlaced}/${ours.interviewsPlaced}/${fmt(ours.meanRank, 3)}  ` +
        `first-come ${fc.studentsPlaced}/${fc.interviewsPlaced}/${fmt(fc.meanRank, 3)}  serial dictatorship ${sd.studentsPlaced}/${sd.interviewsPlaced}/${fmt(sd.meanRank, 3)}`,
    );
  }
  const stress = inChild(-1);
  console.log(
    `\nPopular-tag stress: 12,000 students all ranking the largest tag first, ${stress.choicePairs} (student, volunteer) pairs: ` +
      `${fmt(stress.medianMs)} ms median, peak RSS ${fmt(stress.peakRssMb)} MiB, gap ${stress.result.stats.gapPercent} %, ` +
      `${stress.violations.length === 0 ? 'constraints hold' : 'VIOLATIONS'}`,
  );
  if ([...reports, stress, floor].some((r) => r.violations.length > 0) || !identical) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
