import { loadEnvironment } from '../config/load-environment';
import { migrateDatabase } from './migrator';

/** `npm run migration:run`: applies pending migrations and exits. */
migrateDatabase(loadEnvironment().DATABASE_URL)
  .then((applied) => {
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'No pending migrations.\n');
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
