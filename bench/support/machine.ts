import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { DataSource } from 'typeorm';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  loadAverage: string;
}

/** What a figure was measured on: without it a benchmark number means nothing. */
export async function describeMachine(db: DataSource): Promise<Machine> {
  const [{ server_version: postgres }]: { server_version: string }[] = await db.query('SHOW server_version');
  return {
    cores: cpus().length,
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres,
    loadAverage: currentLoad(),
  };
}

/** The 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
export function currentLoad(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

/** One line naming the machine, for a pg client of the benchmark's database. */
export async function machineLine(db: { query: (sql: string) => Promise<{ rows: { server_version: string }[] }> }): Promise<string> {
  const { rows } = await db.query('SHOW server_version');
  return `machine: ${cpus().length} cores, ${cpuModel()}, ${Math.round((totalmem() / 2 ** 30) * 10) / 10} GiB, Node ${process.version}, PostgreSQL ${rows[0].server_version}; load average ${currentLoad()}`;
}
