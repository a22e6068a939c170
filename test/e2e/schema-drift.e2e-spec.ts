import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { migrateDatabase } from '../../src/database/migrator';

/**
 * Entities and migrations describe the same schema (house style: "generate → must be empty").
 *
 * 1. On a freshly migrated database, TypeORM's schema builder — what `migration:generate`
 *    runs — must find nothing to change. On failure Jest prints the SQL it would generate:
 *    write that migration, or make the entities declare what the migrations created.
 * 2. TypeORM matches CHECK and EXCLUDE constraints by name only and ignores an index's WHERE,
 *    so a second database is built from the entities alone and every constraint and index
 *    definition of the entity tables is compared with the migrated one.
 */
const ADMIN_DB_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function adminQuery(sql: string, databaseUrl = ADMIN_DB_URL): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function urlOf(database: string): string {
  const url = new URL(ADMIN_DB_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Constraint and index definitions of the given tables, one line each, sorted. */
async function schemaDefinitions(dataSource: DataSource, tables: string[], skipIndexes: string[]): Promise<string[]> {
  const rows: { line: string }[] = await dataSource.query(
    `SELECT rel.relname || ' ' || c.conname || ': ' || pg_get_constraintdef(c.oid) AS line
       FROM pg_constraint c
       JOIN pg_class rel ON rel.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = rel.relnamespace
      WHERE n.nspname = current_schema() AND rel.relname = ANY($1)
     UNION ALL
     SELECT tablename || ' ' || indexname || ': ' || indexdef
       FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = ANY($1) AND NOT indexname = ANY($2)`,
    [tables, skipIndexes],
  );
  return rows.map((r) => r.line).sort();
}

describe('schema drift: entities vs. migrations', () => {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const migratedDb = `fairgrid_drift_${suffix}`;
  const entitiesDb = `fairgrid_drift_entities_${suffix}`;
  let migrated: DataSource | undefined;
  let fromEntities: DataSource | undefined;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${migratedDb}`);
    await adminQuery(`CREATE DATABASE ${entitiesDb}`);

    await migrateDatabase(urlOf(migratedDb));
    migrated = new DataSource({ ...dataSourceOptions(urlOf(migratedDb)), extra: { max: 2 } });
    await migrated.initialize();

    // Extensions are not something entities can declare; the first migration creates this one.
    await adminQuery('CREATE EXTENSION IF NOT EXISTS btree_gist', urlOf(entitiesDb));
    fromEntities = new DataSource({ ...dataSourceOptions(urlOf(entitiesDb)), extra: { max: 2 } });
    await fromEntities.initialize();
    await fromEntities.synchronize(); // only ever on this throwaway database
  });

  afterAll(async () => {
    await migrated?.destroy();
    await fromEntities?.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${migratedDb} WITH (FORCE)`);
    await adminQuery(`DROP DATABASE IF EXISTS ${entitiesDb} WITH (FORCE)`);
  });

  it('never synchronizes the schema from entities in the app', () => {
    expect(dataSourceOptions(urlOf(migratedDb)).synchronize).toBe(false);
  });

  it('has nothing for migration:generate to generate after running all migrations', async () => {
    const { upQueries } = await migrated!.driver.createSchemaBuilder().log();
    const pending = upQueries.map((q) => q.query.replace(/\s+/g, ' ').trim());
    expect(pending).toEqual([]);
  });

  it('declares every constraint and index exactly as the migrations create them', async () => {
    const tables = migrated!.entityMetadatas.map((m) => m.tableName);
    // Indexes TypeORM cannot express (e.g. on lower(name)) are declared with synchronize: false.
    const unsynchronized = migrated!.entityMetadatas.flatMap((m) =>
      m.indices.filter((i) => i.synchronize === false).map((i) => i.name),
    );
    const [fromMigrations, declared] = await Promise.all([
      schemaDefinitions(migrated!, tables, unsynchronized),
      schemaDefinitions(fromEntities!, tables, unsynchronized),
    ]);
    expect(declared).toEqual(fromMigrations);
    // The unsynchronized ones must at least exist, under the name the entity gives them.
    const existing: { indexname: string }[] = await migrated!.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY($1)`,
      [unsynchronized],
    );
    expect(existing.map((r) => r.indexname).sort()).toEqual([...unsynchronized].sort());
  });
});
