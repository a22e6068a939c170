import '../compile-cache';
import 'reflect-metadata';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AccessTokenService } from '../common/auth/access-token.service';
import { ConfigurationError, validateEnvironment } from '../config/environment';
import { migrateDatabase } from '../database/migrator';
import { setupHttp } from '../setup-app';
import { DemoApiError, DemoClient } from './demo-client';
import { clearDemoQueues, DemoSetupError, recreateDemoDatabase } from './demo-database';
import { runDemoDay, summarize, DemoSummary } from './demo-day';
import { generateDemoFair } from './demo-fair';
import { DemoModule } from './demo.module';
import { DEMO_STAFF, demoEnvironment, DemoOptions, DemoUsageError, parseDemoOptions } from './demo-options';
import { MailCatcher } from './mail-catcher';

const say = (line = '') => process.stdout.write(`${line}\n`);
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** A progress bar on a terminal; on a log (CI) a line per quarter, so the log stays readable. */
function progressBar(): (value: number) => void {
  let shown = -1;
  return (value) => {
    const p = Math.max(0, Math.min(100, Math.round(value)));
    if (process.stdout.isTTY) {
      const filled = Math.round(p / 4);
      process.stdout.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(25 - filled)}] ${String(p).padStart(3)}%${p === 100 ? '\n' : ''}`);
    } else if (Math.floor(p / 25) > Math.floor(shown / 25) || (p === 100 && shown < 100)) {
      say(`  allocation ${p}%`);
    }
    shown = p;
  };
}

/** Waits, without a fixed sleep, until `done` holds or `limitMs` passes (then says what is missing). */
async function until(done: () => Promise<boolean> | boolean, limitMs: number, what: string): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${Math.round(limitMs / 1000)} s.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(options: DemoOptions): Promise<void> {
  const started = Date.now();
  say(`Fairgrid demo: the ${options.students.toLocaleString('en-US')}-student "Spring Career & Internship Fair", seed ${options.seed}.`);
  const database = await recreateDemoDatabase(options.databaseUrl);
  await clearDemoQueues(options.redisUrl, options.queuePrefix);
  say(`Database "${database}" made afresh; Redis keys under "${options.queuePrefix}:" cleared.`);

  // Emptied rather than removed: in a container the folder is a mounted volume.
  mkdirSync(options.outputDirectory, { recursive: true });
  for (const entry of readdirSync(options.outputDirectory)) rmSync(join(options.outputDirectory, entry), { recursive: true, force: true });
  const mailDirectory = join(options.outputDirectory, 'mail');
  mkdirSync(mailDirectory, { recursive: true });
  const catcher = new MailCatcher({ directory: mailDirectory, host: options.smtp.host, port: options.smtp.port });
  const smtpUrl = await catcher.start();
  const inside = relative(process.cwd(), options.outputDirectory);
  const shown = inside && !inside.startsWith('..') ? inside : options.outputDirectory;
  say(`Mail catcher at ${smtpUrl}: every message goes to ${shown}/mail as .eml, with its .ics.`);

  const env = validateEnvironment(demoEnvironment(options, smtpUrl));
  const applied = await migrateDatabase(env.DATABASE_URL);
  say(`Migrations applied: ${applied.length}.`);
  const app = await NestFactory.create<NestExpressApplication>(DemoModule.forDemo(env, catcher, `${shown}/mail`), { bufferLogs: true, bodyParser: false });
  setupHttp(app);
  app.enableShutdownHooks();
  try {
    await app.listen(env.PORT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new DemoSetupError(`Port ${env.PORT} is taken; run the demo with another: PORT=3100 npm run demo.`);
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  say(`Fairgrid (api and worker in one process) listens at http://localhost:${env.PORT}.`);

  const client = new DemoClient(baseUrl);
  const staff = (await client.post<{ accessToken: string }>('/auth/login', '', DEMO_STAFF)).accessToken;
  const tokens = app.get(AccessTokenService);
  const fair = generateDemoFair({ seed: options.seed, students: options.students });
  // The fair opens in about three hours, on a quarter hour: today's date, in New York.
  const opensAt = new Date(Math.ceil((Date.now() + 3 * 3600_000) / 900_000) * 900_000);
  const day = await runDemoDay({
    client,
    fair,
    seed: options.seed,
    staffToken: staff,
    studentToken: (id) => tokens.issue({ role: 'student', id }),
    opensAt,
    say: (line) => say(`- ${line}`),
    progress: progressBar(),
  });

  // Invitations: one per party of every booking; reminders: those due within the minute.
  const confirmed = await client.get<unknown[]>(`/events/${day.eventId}/bookings?status=confirmed`, staff);
  const reminderMails = () => catcher.messages.filter((m) => m.subject.startsWith('Reminder:')).length;
  const invitationMails = () => catcher.messages.filter((m) => m.icsFile && !m.subject.startsWith('Reminder:')).length;
  say(`- Waiting for the worker to send ${confirmed.length * 2} invitations and ${day.remindersDueSoon} reminders …`);
  await until(
    async () => {
      if (invitationMails() < confirmed.length * 2 || reminderMails() < day.remindersDueSoon) return false;
      const [pending, sending] = await Promise.all([
        client.get<unknown[]>('/admin/outbox?status=pending', staff),
        client.get<unknown[]>('/admin/outbox?status=sending', staff),
      ]);
      return pending.length === 0 && sending.length === 0;
    },
    180_000,
    'the invitations and reminders',
  );

  const svg = (await client.call<string>('GET', `/events/${day.eventId}/floor-plan.svg`, { token: staff })).body;
  writeFileSync(join(options.outputDirectory, 'floor-plan.svg'), svg);

  const summary = await summarize(client, staff, fair, day, {
    total: catcher.messages.length,
    invitations: invitationMails(),
    reminders: reminderMails(),
    calendarFiles: catcher.messages.filter((m) => m.icsFile).length,
  });
  writeFileSync(join(options.outputDirectory, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  printSummary(summary, shown, Date.now() - started);

  if (options.once) {
    await app.close();
    await catcher.stop();
    return;
  }
  const student = fair.students[0];
  const volunteer = fair.volunteers[0];
  say();
  say(`The demo keeps serving at http://localhost:${env.PORT} (Ctrl+C stops it). Sign in there:`);
  say(`  staff:     ${DEMO_STAFF.email} / ${DEMO_STAFF.password}`);
  say(`  student:   ${student.email} (${student.name}): ask for a sign-in mail`);
  say(`  volunteer: ${volunteer.email} (${volunteer.name}, ${volunteer.organization})`);
  say(`  the mail arrives at http://localhost:${env.PORT}/demo/mail; the API is at http://localhost:${env.PORT}/api/docs`);
  const stop = () => {
    say('\nStopping the demo.');
    void app.close().then(() => catcher.stop()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function printSummary(s: DemoSummary, directory: string, elapsedMs: number): void {
  say();
  say(`Summary of "${'Spring Career & Internship Fair'}" (event ${s.eventId}), in ${Math.round(elapsedMs / 1000)} s:`);
  say(`  students placed:  ${s.studentsPlaced} of ${s.students} (${percent(s.studentsPlaced / s.students)}), in ${s.interviews} interviews`);
  say(`  first choices:    ${s.firstChoices} students met the employer they ranked first`);
  say(`  fill rate:        ${percent(s.fillRate)} of ${s.slots} interview slots with ${s.volunteers} volunteers; ${s.exhibitors} exhibitors`);
  say(`  messages:         ${s.messages.total} (${s.messages.invitations} invitations, ${s.messages.reminders} reminders; ${s.messages.calendarFiles} .ics files)`);
  say(`  output:           ${directory}/mail, ${directory}/floor-plan.svg, ${directory}/summary.json`);
}

let options: DemoOptions;
try {
  options = parseDemoOptions(process.argv.slice(2), process.env);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof DemoUsageError && (error as Error).message.startsWith('Usage') ? 0 : 2);
}
main(options).then(
  () => {
    if (options.once) process.exit(0);
  },
  (error: unknown) => {
    const known = error instanceof DemoSetupError || error instanceof ConfigurationError || error instanceof DemoApiError;
    process.stderr.write(known ? `demo: ${(error as Error).message}\n` : `demo failed: ${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
