import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * The load generator of a booking rush. It runs in a worker thread so that sending requests
 * and timing answers never waits behind the server's own work on the main thread.
 */

export interface RushAttempt {
  token: string;
  slotId: string;
  idempotencyKey?: string;
}

export interface RushInput {
  baseUrl: string;
  attempts: RushAttempt[];
  /** Requests in flight at once: each of these lanes sends its next attempt when one answers. */
  concurrency: number;
  requestTimeoutMs: number;
}

export interface RushOutcome {
  /** HTTP status, or 0 when no answer came (connection error, timeout). */
  status: number;
  code?: string;
  bookingId?: string;
  ms: number;
}

export interface RushResult {
  elapsedMs: number;
  outcomes: RushOutcome[];
}

export async function rush(input: RushInput): Promise<RushResult> {
  const outcomes: RushOutcome[] = new Array(input.attempts.length);
  // node:http with kept-alive sockets, one per lane: about half the CPU of fetch per request,
  // which matters when the load generator shares two cores with the server and PostgreSQL.
  const agent = new Agent({ keepAlive: true, maxSockets: input.concurrency });
  let next = 0;
  const lane = async () => {
    while (next < input.attempts.length) {
      const i = next++;
      outcomes[i] = await attempt(input, input.attempts[i], agent);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(input.concurrency, input.attempts.length) }, lane));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { elapsedMs, outcomes };
}

/** One POST /api/bookings over a kept-alive connection. */
function attempt(input: RushInput, a: RushAttempt, agent: Agent): Promise<RushOutcome> {
  const started = performance.now();
  const payload = JSON.stringify({ slotId: a.slotId });
  const headers: Record<string, string | number> = {
    authorization: `Bearer ${a.token}`,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  };
  if (a.idempotencyKey) headers['idempotency-key'] = a.idempotencyKey;
  return new Promise((resolve) => {
    const failed = (error: Error) => resolve({ status: 0, code: error.name, ms: performance.now() - started });
    const req = request(`${input.baseUrl}/api/bookings`, { method: 'POST', headers, agent, timeout: input.requestTimeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', failed);
      res.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: string; code?: string };
          const status = res.statusCode ?? 0;
          resolve({ status, code: body.code, bookingId: status === 201 ? body.id : undefined, ms: performance.now() - started });
        } catch (error) {
          failed(error as Error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', failed);
    req.end(payload);
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void rush(workerData as RushInput).then((result) => port.postMessage(result));
}
