import type { Client } from 'pg';
import { processCpuMs } from './api-process';

/**
 * PostgreSQL's own CPU for a measurement: the backends serving the benchmark's database (all
 * on this machine), read from /proc like the API's. Less moved by other work on a shared
 * machine than a rate is, so it shows what a statement costs the database.
 */
export type BackendCpu = Map<number, number>;

/** CPU milliseconds so far of each backend of `db`'s database, except `db`'s own. */
export async function backendCpu(db: Client): Promise<BackendCpu> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  return cpuOf(rows.map((r) => r.pid));
}

export function cpuOf(pids: number[]): BackendCpu {
  return new Map(pids.map((pid) => [pid, processCpuMs(pid)]));
}

/** CPU used since `before` by the backends alive now (one that started meanwhile counts whole). */
export function cpuSince(before: BackendCpu, now: BackendCpu): number {
  let ms = 0;
  for (const [pid, cpu] of now) if (Number.isFinite(cpu)) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}
