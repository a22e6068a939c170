import '../compile-cache';
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigurationError } from '../config/environment';
import { loadEnvironment } from '../config/load-environment';
import { migrateDatabase } from '../database/migrator';
import { checkDependencies, DependencyError } from '../preflight';
import { runDemo } from './cli.commands';
import { CliModule } from './cli.module';
import { describeError } from './cli-output';

/**
 * `npm run cli -- <command>`: create-staff, migrate, import-students, import-volunteers,
 * import-exhibitors, export-schedule, demo (`--help` lists them). Reads the same environment
 * and `.env` as the service, applies pending migrations first (as a start does), and exits 0,
 * or 1 with the reason on stderr.
 */
async function main(argv: string[]): Promise<void> {
  // The demo makes its own database and configuration: no .env needed for it.
  if (argv[0] === 'demo') return runDemo(argv.slice(1));
  const help = argv.length === 0 || argv.includes('--help') || argv.includes('-h');
  const env = loadEnvironment();
  // The commands print what they did; the service's info logs would only bury it.
  env.LOG_LEVEL = process.env.CLI_LOG_LEVEL ?? 'warn';
  let applied: string[] | null = null;
  if (!help) {
    await checkDependencies(env);
    applied = env.MIGRATIONS_RUN ? await migrateDatabase(env.DATABASE_URL) : null;
  }
  await CommandFactory.run(CliModule.forEnv(env, applied), {
    logger: ['error', 'warn'],
    cliName: 'npm run cli --',
    serviceErrorHandler: (error) => {
      process.stderr.write(`${describeError(error)}\n`);
      process.exitCode = 1;
    },
  });
}

main(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    const known = error instanceof ConfigurationError || error instanceof DependencyError;
    process.stderr.write(`${known ? (error as Error).message : describeError(error)}\n`);
    process.exit((error as { exitCode?: number }).exitCode ?? 1);
  },
);
