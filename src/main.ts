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
import { installGracefulShutdown } from './shutdown';

async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  await checkDependencies(env);
  // Before Nest starts: start-up hooks (the first admin) and workers need the schema.
  if (env.MIGRATIONS_RUN) await migrateDatabase(env.DATABASE_URL);
  const module = AppModule.forRole(env);

  if (env.FAIRGRID_ROLE === 'worker') {
    const context = await NestFactory.createApplicationContext(module, { bufferLogs: true });
    context.useLogger(context.get(Logger));
    await context.init();
    context.get(Logger).log('Worker started', 'Bootstrap');
    installGracefulShutdown(context, env.SHUTDOWN_TIMEOUT_MS);
    return;
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  setupHttp(app);
  await app.listen(env.PORT);
  installGracefulShutdown(app, env.SHUTDOWN_TIMEOUT_MS, app.getHttpServer());
}

bootstrap().catch((error: unknown) => {
  // Configuration and connection problems are one clear line, not a stack trace.
  const known = error instanceof ConfigurationError || error instanceof DependencyError;
  process.stderr.write(known ? `${error.message}\n` : `Fairgrid failed to start: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
