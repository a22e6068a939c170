import { randomBytes } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AccessTokenService } from '../../src/common/auth/access-token.service';
import type { PrincipalRole } from '../../src/common/auth/principal';
import { Environment, validateEnvironment } from '../../src/config/environment';
import { runMigrationsLocked } from '../../src/database/migrator';
import { setupHttp } from '../../src/setup-app';
import { TestSmtpServer } from './smtp';
import { createMigratedDatabase } from './template-database';

export const ADMIN = { email: 'admin@fairgrid.test', password: 'admin-password-123' };

const ADMIN_DB_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestApp {
  app: NestExpressApplication;
  env: Environment;
  smtp: TestSmtpServer;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  tokenFor: (role: PrincipalRole, id: string) => Promise<string>;
  staffToken: () => Promise<string>;
  close: () => Promise<void>;
}

/** Runs SQL against the admin database (to create and drop per-file databases). */
async function adminQuery(sql: string, adminUrl = ADMIN_DB_URL): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestAppOptions {
  /** Another PostgreSQL to create the test database in (a private cluster of a fault test). */
  adminDatabaseUrl?: string;
  /** Another root module than the role's AppModule (the demo's, which adds its mail pages). */
  rootModule?: (env: Environment) => DynamicModule;
}

/**
 * Boots the real app (role `all` by default) in its own fresh database, with its own queue
 * prefix in the shared Redis and its own SMTP server, so test files run in parallel.
 */
export async function createTestApp(overrides: Partial<Record<keyof Environment, string>> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const adminUrl = options.adminDatabaseUrl ?? ADMIN_DB_URL;
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const database = `fairgrid_t_${suffix}`;
  await createMigratedDatabase(adminUrl, database);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${database}`;

  const smtp = new TestSmtpServer();
  const smtpUrl = await smtp.start();
  const env = validateEnvironment({
    FAIRGRID_ROLE: 'all',
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL,
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Fairgrid <no-reply@fairgrid.test>',
    PUBLIC_URL: 'http://fairgrid.test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    QUEUE_PREFIX: `fgtest_${suffix}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Specs book and read the slot page again at once; slot-page-cache.e2e-spec tests the shared pages.
    SLOT_PAGE_CACHE_MS: '0',
    ...overrides,
  });

  const app = await NestFactory.create<NestExpressApplication>((options.rootModule ?? AppModule.forRole)(env), { bodyParser: false, logger: false });
  setupHttp(app);
  const db = app.get(DataSource);
  await runMigrationsLocked(db);
  await app.init();

  const tokens = app.get(AccessTokenService);
  let staffToken: string | undefined;
  return {
    app,
    env,
    smtp,
    db,
    http: () => request(app.getHttpServer()),
    tokenFor: (role, id) => tokens.issue({ role, id }),
    staffToken: async () => {
      if (!staffToken) {
        const res = await request(app.getHttpServer()).post('/api/auth/login').send(ADMIN).expect(200);
        staffToken = res.body.accessToken as string;
      }
      return staffToken;
    },
    close: async () => {
      await app.close();
      await smtp.stop();
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, adminUrl);
      await deleteRedisKeys(`${env.QUEUE_PREFIX}:*`);
    },
  };
}

/** Authorization header of a bearer token, for supertest's `.set(...)`. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * The app for one spec file: created before its tests, closed after them. The value behaves as
 * the TestApp (`t.http()`, `t.db`, …) from the first test on.
 */
export function useTestApp(overrides: Partial<Record<keyof Environment, string>> = {}): TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp(overrides);
  });
  afterAll(() => app?.close());
  return new Proxy({} as TestApp, {
    get: (_, property) => {
      if (!app) throw new Error('useTestApp: the app exists only inside tests and hooks');
      return app[property as keyof TestApp];
    },
  });
}

/** In the shared Redis; a private one of a fault test goes with its process. */
async function deleteRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
