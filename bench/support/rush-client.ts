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
  let next = 0;
  const lane = async () => {
    while (next < input.attempts.length) {
      const i = next++;
      outcomes[i] = await attempt(input, input.attempts[i]);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(input.concurrency, input.attempts.length) }, lane));
  return { elapsedMs: performance.now() - started, outcomes };
}

/** One POST /api/bookings over a kept-alive connection (fetch pools them per origin). */
async function attempt(input: RushInput, a: RushAttempt): Promise<RushOutcome> {
  const started = performance.now();
  const headers: Record<string, string> = { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' };
  if (a.idempotencyKey) headers['idempotency-key'] = a.idempotencyKey;
  try {
    const res = await fetch(`${input.baseUrl}/api/bookings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ slotId: a.slotId }),
      signal: AbortSignal.timeout(input.requestTimeoutMs),
    });
    const body = (await res.json()) as { id?: string; code?: string };
    return { status: res.status, code: body.code, bookingId: res.status === 201 ? body.id : undefined, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, code: (error as Error).name, ms: performance.now() - started };
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void rush(workerData as RushInput).then((result) => port.postMessage(result));
}
