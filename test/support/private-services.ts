import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort } from './process';
import { waitFor } from './wait-for';

const run = promisify(execFile);

/**
 * A redis-server of the test's own on a free port, which the test stops and starts at will
 * (without persistence: a restart loses every job, as a Redis without AOF does).
 */
export class PrivateRedis {
  private child?: ChildProcess;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(async () => {
      const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    });
  }

  /** Gone at once, like a crash: nothing is saved. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}

/** PostgreSQL's server binaries: the newest /usr/lib/postgresql/<version>/bin, else PATH. */
function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', name))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin', name);
  }
  return name;
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary directory, a free port, trust
 * authentication), which the test stops and restarts; the shared one on 5432 is never touched.
 * PostgreSQL refuses to run as root, so as root its commands run as the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'fairgrid-pg-'));
    const pg = new PrivatePostgres(await freePort(), dir);
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await pg.as(pgBin('initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    await pg.start();
    return pg;
  }

  /** The cluster's maintenance database, for CREATE DATABASE. */
  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${this.dir}`,
      // No fsync (the OS still gets every write, so a crash of PostgreSQL alone loses nothing).
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c autovacuum=off',
      '-c max_connections=120',
      '-c shared_buffers=32MB',
    ].join(' ');
    await this.as(pgBin('pg_ctl'), ['-D', join(this.dir, 'data'), '-o', options, '-l', join(this.dir, 'log'), '-w', '-t', '60', 'start']);
    await waitFor(async () => {
      const client = new Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 1_000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    }, 30_000);
  }

  /** `immediate` is a crash (connections cut, no checkpoint); `fast` a clean stop. */
  async stop(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
    await this.as(pgBin('pg_ctl'), ['-D', join(this.dir, 'data'), '-m', mode, '-w', '-t', '60', 'stop']).catch(() => undefined);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate');
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async as(command: string, args: string[]): Promise<void> {
    const asPostgres = process.getuid?.() === 0;
    await run(asPostgres ? 'runuser' : command, asPostgres ? ['-u', 'postgres', '--', command, ...args] : args, { cwd: this.dir, timeout: 90_000 });
  }
}
