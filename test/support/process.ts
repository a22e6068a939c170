import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

/** A built Fairgrid process (dist/main.js) with its output collected. */
export class FairgridProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';

  constructor(env: Record<string, string>) {
    // Only what we pass: no .env file or developer variables leak into the process.
    this.child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: join(__dirname), stdio: 'pipe' });
    this.child.stdout!.on('data', (d) => (this.stdout += d));
    this.child.stderr!.on('data', (d) => (this.stderr += d));
  }

  /** Resolves with the exit code (or signal name) once the process ends, failing after the timeout. */
  async exited(timeoutMs = 20_000): Promise<number | string> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode ?? this.child.signalCode!;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const [code, signal] = (await once(this.child, 'exit')) as [number | null, string | null];
    clearTimeout(timer);
    return code ?? signal!;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
