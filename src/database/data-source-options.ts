import type { DataSourceOptions } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './registry';

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // The schema comes from migrations only (src/database/migrations).
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    // Extensions come from migrations too; ids use PostgreSQL's built-in gen_random_uuid().
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: { max: 20, connectionTimeoutMillis: 5000 },
  };
}
