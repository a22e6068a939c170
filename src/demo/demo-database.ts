import Redis from 'ioredis';
import { Client } from 'pg';
import { redactUrl } from '../preflight';

/** The comment the demo puts on the database it creates, so it only ever drops its own. */
const DEMO_MARK = 'fairgrid demo: made by npm run demo, dropped and made again by its next run';

export class DemoSetupError extends Error {
  override name = 'DemoSetupError';
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Makes the demo's database afresh: PostgreSQL's `postgres` database on the same server creates
 * it (dropping the last demo's). A database the demo did not make is never touched: the demo
 * stops with one line instead.
 */
export async function recreateDemoDatabase(databaseUrl: string): Promise<string> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new DemoSetupError(`DATABASE_URL (${target.host}) names no database; the demo needs a database of its own, e.g. …/fairgrid_demo.`);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DemoSetupError(
      `Cannot reach PostgreSQL at ${target.host} (${(error as Error).message}). Start it or set DATABASE_URL: see "Starting PostgreSQL and Redis" in README.md.`,
    );
  }
  try {
    const found = await client.query<{ mark: string | null }>(
      'SELECT shobj_description(oid, $2) AS mark FROM pg_database WHERE datname = $1',
      [name, 'pg_database'],
    );
    if (found.rows.length) {
      if (found.rows[0].mark !== DEMO_MARK) {
        throw new DemoSetupError(`The database "${name}" exists and was not made by the demo; the demo leaves it alone. Name a new one in DATABASE_URL, e.g. …/fairgrid_demo.`);
      }
      await client.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    await client.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS '${DEMO_MARK}'`);
    return name;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the demo's database (the end-to-end test cleans up after itself with it). */
export async function dropDemoDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const found = await client.query<{ mark: string | null }>('SELECT shobj_description(oid, $2) AS mark FROM pg_database WHERE datname = $1', [name, 'pg_database']);
    if (found.rows[0]?.mark === DEMO_MARK) await client.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Forgets the last demo's jobs and counters: the keys under the demo's own prefix, nothing else. */
export async function clearDemoQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 5_000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    throw new DemoSetupError(`Cannot reach Redis at ${redactUrl(redisUrl)} (${(error as Error).message}). Start it or set REDIS_URL: see "Starting PostgreSQL and Redis" in README.md.`);
  }
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
