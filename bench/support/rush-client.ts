import { connect, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * The load generator of a booking rush. It runs in a worker thread so that sending requests
 * and timing answers never waits behind the benchmark's own work on the main thread.
 *
 * Like wrk, it speaks just enough HTTP/1.1 over raw kept-alive sockets: each lane owns one
 * connection with one request in flight, every request's bytes are built before the clock
 * starts, and an answer is read as its status line, its Content-Length and that many body
 * bytes. node:http cost about 0.15–0.4 ms of CPU per request here, on the same two cores as
 * the server and PostgreSQL; the benchmark measures the app, not its client. Latency still
 * runs from sending the request to having read the whole answer.
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
  /** HTTP status, or 0 when no answer came (connection error, timeout, an answer not understood). */
  status: number;
  code?: string;
  bookingId?: string;
  ms: number;
}

export interface RushResult {
  elapsedMs: number;
  outcomes: RushOutcome[];
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** The bytes of one POST /api/bookings, as a client library would send them. */
export function requestBytes(host: string, a: RushAttempt): Buffer {
  const payload = JSON.stringify({ slotId: a.slotId });
  return Buffer.from(
    `POST /api/bookings HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\nAuthorization: Bearer ${a.token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n` +
      (a.idempotencyKey ? `Idempotency-Key: ${a.idempotencyKey}\r\n` : '') +
      `\r\n${payload}`,
  );
}

/** The status, the body's length and whether the server closes the connection, from a whole head. */
export function parseHead(head: string): { status: number; bodyLength: number; close: boolean } | { error: string } {
  const status = Number(head.slice(9, 12));
  if (!head.startsWith('HTTP/1.1 ') || !Number.isInteger(status)) return { error: 'bad status line' };
  const lower = head.toLowerCase();
  const length = /\r\ncontent-length: *(\d+)/.exec(lower);
  if (!length) return { error: 'no content-length' };
  return { status, bodyLength: Number(length[1]), close: /\r\nconnection: *close/.test(lower) };
}

/** One kept-alive connection carrying one request at a time. */
class Lane {
  private socket?: Socket;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private pending?: { started: number; resolve: (o: RushOutcome) => void; timer: NodeJS.Timeout };
  private head?: { status: number; bodyLength: number; close: boolean; bodyStart: number };

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs: number,
  ) {}

  send(bytes: Buffer): Promise<RushOutcome> {
    return new Promise((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => this.fail('timeout'), this.timeoutMs);
      this.pending = { started, resolve, timer };
      this.chunks = [];
      this.buffered = 0;
      this.head = undefined;
      (this.socket ??= this.open()).write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    // A connection this lane already let go of (the server said close) fails nothing.
    socket.on('error', (error) => this.socket === socket && this.fail(error.name));
    socket.on('close', () => this.socket === socket && this.fail('connection closed'));
    return socket;
  }

  private read(chunk: Buffer): void {
    if (!this.pending) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const all = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    if (!this.head) {
      const end = all.indexOf(HEADER_END);
      if (end < 0) return;
      const head = parseHead(all.toString('latin1', 0, end));
      if ('error' in head) return this.fail(head.error);
      this.head = { ...head, bodyStart: end + HEADER_END.length };
    }
    const { status, bodyLength, close, bodyStart } = this.head;
    if (all.length < bodyStart + bodyLength) return;
    let body: { id?: string; code?: string };
    try {
      body = JSON.parse(all.toString('utf8', bodyStart, bodyStart + bodyLength)) as typeof body;
    } catch {
      return this.fail('answer not JSON');
    }
    const { started, resolve, timer } = this.pending;
    this.pending = undefined;
    clearTimeout(timer);
    if (close) this.close();
    resolve({ status, code: body.code, bookingId: status === 201 ? body.id : undefined, ms: performance.now() - started });
  }

  private fail(code: string): void {
    if (!this.pending) return;
    const { started, resolve, timer } = this.pending;
    this.pending = undefined;
    clearTimeout(timer);
    this.close();
    resolve({ status: 0, code, ms: performance.now() - started });
  }
}

export async function rush(input: RushInput): Promise<RushResult> {
  const url = new URL(input.baseUrl);
  const host = url.hostname;
  const port = Number(url.port || 80);
  const requests = input.attempts.map((a) => requestBytes(url.host, a));
  const outcomes: RushOutcome[] = new Array(input.attempts.length);
  const lanes = Array.from({ length: Math.min(input.concurrency, input.attempts.length) }, () => new Lane(host, port, input.requestTimeoutMs));
  let next = 0;
  const run = async (lane: Lane) => {
    while (next < requests.length) {
      const i = next++;
      outcomes[i] = await lane.send(requests[i]);
    }
    lane.close();
  };
  const started = performance.now();
  await Promise.all(lanes.map(run));
  return { elapsedMs: performance.now() - started, outcomes };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void rush(workerData as RushInput).then((result) => port.postMessage(result));
}
