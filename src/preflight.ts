import Redis from 'ioredis';
import { Client } from 'pg';
import type { Environment } from './config/environment';

export class DependencyError extends Error {
  override name = 'DependencyError';
}

/** Hides the password in a connection URL before it is printed. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Checks PostgreSQL and Redis answer before Nest starts, so a missing service is one clear
 * line naming the URL tried, not a retry loop or a stack trace.
 */
export async function checkDependencies(env: Environment): Promise<void> {
  const pg = new Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    throw new DependencyError(
      `Cannot reach PostgreSQL at ${redactUrl(env.DATABASE_URL)} (${(error as Error).message}). ` +
        'Start it or set DATABASE_URL: see "Starting PostgreSQL and Redis" in README.md.',
    );
  } finally {
    await pg.end().catch(() => undefined);
  }

  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5_000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new DependencyError(
      `Cannot reach Redis at ${redactUrl(env.REDIS_URL)} (${(error as Error).message}). ` +
        'Start it or set REDIS_URL: see "Starting PostgreSQL and Redis" in README.md.',
    );
  } finally {
    redis.disconnect();
  }
}
