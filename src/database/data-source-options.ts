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
    // A pooled connection keeps its prepared statements (src/database/statement.ts): pg's default
    // of closing it after 10 idle seconds made the first requests after a lull prepare afresh.
    extra: { max: 20, connectionTimeoutMillis: 5000, idleTimeoutMillis: 60_000 },
  };
}
