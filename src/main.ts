import './compile-cache';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigurationError } from './config/environment';
import { loadEnvironment } from './config/load-environment';
import { migrateDatabase } from './database/migrator';
import { checkDependencies, DependencyError } from './preflight';
import { setupHttp } from './setup-app';
import { withoutStartUpChatter } from './common/logging/start-up-logger';
import { installGracefulShutdown } from './shutdown';

async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  await checkDependencies(env);
  // Before Nest starts: start-up hooks (the first admin) and workers need the schema.
  const applied = env.MIGRATIONS_RUN ? await migrateDatabase(env.DATABASE_URL) : undefined;
  const module = AppModule.forRole(env);

  if (env.FAIRGRID_ROLE === 'worker') {
    const context = await NestFactory.createApplicationContext(module, { bufferLogs: true });
    context.useLogger(withoutStartUpChatter(context.get(Logger), ['debug', 'trace'].includes(env.LOG_LEVEL)));
    await context.init();
    context.get(Logger).log(`Worker started: role worker, ${WORKER_CONCURRENCY(env)}; ${migrationsLine(applied)}`, 'Bootstrap');
    installGracefulShutdown(context, env.SHUTDOWN_TIMEOUT_MS);
    return;
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  setupHttp(app);
  try {
    await app.listen(env.PORT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      await app.close().catch(() => undefined);
      throw new StartupError(`Port ${env.PORT} is taken: another process listens there. Stop it, or set PORT to a free port (and PUBLIC_URL to match).`);
    }
    throw error;
  }
  installGracefulShutdown(app, env.SHUTDOWN_TIMEOUT_MS, app.getHttpServer());
  const role = env.FAIRGRID_ROLE === 'all' ? 'role all (API, pages and worker)' : 'role api';
  app.get(Logger).log(`Fairgrid listening on port ${env.PORT} (${env.PUBLIC_URL}), ${role}; ${migrationsLine(applied)}`, 'Bootstrap');
}

/** A start-up problem that is the operator's to fix: one line, no stack trace. */
class StartupError extends Error {}

const WORKER_CONCURRENCY = (env: { WORKER_CONCURRENCY: number }) => `${env.WORKER_CONCURRENCY} jobs at a time`;

/** What the migrations did, for the start-up line. */
function migrationsLine(applied: string[] | undefined): string {
  if (!applied) return 'migrations not run (MIGRATIONS_RUN=false)';
  if (!applied.length) return 'schema up to date, no migrations applied';
  return `${applied.length} migration${applied.length === 1 ? '' : 's'} applied (${applied.length > 3 ? `${applied.slice(0, 2).join(', ')}, … ${applied.at(-1)}` : applied.join(', ')})`;
}

bootstrap().catch((error: unknown) => {
  // Configuration and connection problems are one clear line, not a stack trace.
  const known = error instanceof ConfigurationError || error instanceof DependencyError || error instanceof StartupError;
  process.stderr.write(known ? `${error.message}\n` : `Fairgrid failed to start: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
