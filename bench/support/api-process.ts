import { spawn, ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * The production build as operators run it: `node dist/main.js` with FAIRGRID_ROLE=api, in a
 * fresh database of its own (it migrates on start), logging at the default level to a file
 * (as a container's stdout would be collected). Benchmarks talk to it over loopback only.
 */

const ADMIN_DB_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BENCH_ADMIN = { email: 'admin@fairgrid.bench', password: 'bench-admin-password' };

export interface ApiProcess {
  origin: string;
  databaseUrl: string;
  jwtSecret: string;
  pid: number;
  logFile: string;
  /** User + system CPU milliseconds the process has used so far (Linux /proc). */
  cpuMs: () => number;
  /** How the process ended, while it should still be running (undefined: it is). */
  exitedEarly: () => string | undefined;
  /** A client of the process's database, for setup, resets and checks. */
  db: Client;
  stop: () => Promise<void>;
}

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DB_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startApiProcess(extraEnv: Record<string, string> = {}): Promise<ApiProcess> {
  const main = join(process.cwd(), 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const database = `fairgrid_bench_${suffix}`;
  await admin((c) => c.query(`CREATE DATABASE ${database}`));
  const url = new URL(ADMIN_DB_URL);
  url.pathname = `/${database}`;
  const port = await freePort();
  const jwtSecret = randomBytes(32).toString('hex');
  const logFile = join(tmpdir(), `${database}.log`);
  const out = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH ?? '',
      FAIRGRID_ROLE: 'api',
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: url.toString(),
      REDIS_URL,
      SMTP_URL: 'smtp://127.0.0.1:1025',
      MAIL_FROM: 'Fairgrid <no-reply@fairgrid.bench>',
      PUBLIC_URL: 'http://fairgrid.bench',
      JWT_SECRET: jwtSecret,
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      QUEUE_PREFIX: `fgbench_${suffix}`,
      // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the API under load.
      ...(process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {}),
      ...extraEnv,
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const origin = `http://127.0.0.1:${port}`;
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await db.end().catch(() => undefined);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  };
  const db = new Client({ connectionString: url.toString() });
  try {
    await waitForHealth(origin, child, logFile);
    await db.connect();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    origin,
    databaseUrl: url.toString(),
    jwtSecret,
    pid: child.pid!,
    logFile,
    cpuMs: () => processCpuMs(child.pid!),
    exitedEarly: () => exit,
    db,
    stop,
  };
}

async function waitForHealth(origin: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dist/main.js exited with ${child.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('dist/main.js did not answer /api/health within 60 s');
}

/** utime + stime of a process, from /proc/<pid>/stat, in milliseconds. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), counted from after the command name (state is field 3).
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** An HS256 access token as the app issues them (sub, role, iat, exp). */
export function signToken(secret: string, role: 'staff' | 'student' | 'volunteer', id: string): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: id, role, iat: now, exp: now + 12 * 3600 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
