import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/load-environment';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsLocked } from './migrator';

/** `npm run migration:run`: applies pending migrations and exits. */
async function main(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(loadEnvironment().DATABASE_URL));
  await dataSource.initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'No pending migrations.\n');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
