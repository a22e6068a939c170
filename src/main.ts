import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ConfigurationError } from './config/environment';
import { loadEnvironment } from './config/load-environment';
import { runMigrationsLocked } from './database/migrator';
import { checkDependencies } from './preflight';
import { setupHttp } from './setup-app';

async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  await checkDependencies(env);
  const module = AppModule.forRole(env);

  if (env.FAIRGRID_ROLE === 'worker') {
    const context = await NestFactory.createApplicationContext(module, { bufferLogs: true });
    context.enableShutdownHooks();
    if (env.MIGRATIONS_RUN) await runMigrationsLocked(context.get(DataSource));
    await context.init();
    return;
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  setupHttp(app);
  if (env.MIGRATIONS_RUN) await runMigrationsLocked(app.get(DataSource));
  await app.listen(env.PORT);
}

bootstrap().catch((error: unknown) => {
  // Configuration and connection problems are one clear line, not a stack trace.
  const known = error instanceof ConfigurationError || (error as Error)?.name === 'DependencyError';
  process.stderr.write(known ? `${(error as Error).message}\n` : `Fairgrid failed to start: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
