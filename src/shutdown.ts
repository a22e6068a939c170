import { INestApplicationContext, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { WorkerDrain } from './queue/worker-drain.service';

/** Time, past SHUTDOWN_TIMEOUT_MS, for closing pools and queues before the process gives up. */
const CLOSE_GRACE_MS = 5_000;

/**
 * SIGTERM (or SIGINT): a bounded, ordered stop, then exit 0.
 * 1. HTTP: stop accepting connections; answer every request that still arrives on an open
 *    keep-alive connection with `Connection: close` (RFC 9112 §9.6) so clients reconnect
 *    elsewhere; close idle connections now, and every connection at the deadline. A client
 *    that keeps sending can no longer keep the process alive.
 * 2. Queue workers: take no new job, let running ones finish (same deadline).
 * 3. Nest: relays, listeners, queues, SMTP and finally the PostgreSQL pool.
 * Past the deadline plus a grace period the process exits 1 whatever is still open.
 */
export function installGracefulShutdown(app: INestApplicationContext, timeoutMs: number, server?: Server): void {
  const logger = new Logger('Shutdown');
  let started = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    const deadline = Date.now() + timeoutMs;
    logger.log({ signal, timeoutMs }, 'Shutting down');
    const hardStop = setTimeout(() => {
      logger.error({ signal }, 'Shutdown did not finish in time; exiting');
      process.exit(1);
    }, timeoutMs + CLOSE_GRACE_MS);
    hardStop.unref();
    try {
      if (server) await drainHttp(server, timeoutMs);
      await app.get(WorkerDrain).close(Math.max(0, deadline - Date.now()));
      await app.close();
      logger.log({ signal }, 'Shut down cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

async function drainHttp(server: Server, timeoutMs: number): Promise<void> {
  server.prependListener('request', (_req, res) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearTimeout(cut);
}
