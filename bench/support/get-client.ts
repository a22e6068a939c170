import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * A GET load generator in a worker thread, so timing answers never waits behind the server's
 * own work on the main thread. Each lane sends its next request when one answers.
 */
export interface GetInput {
  urls: string[];
  concurrency: number;
  /** Sent as If-None-Match per URL, when given (a calendar app revalidating its copy). */
  etags?: string[];
  /** Sent as Authorization per URL, when given. */
  authorizations?: string[];
  /**
   * `fetch` (default), or `http`: node:http with kept-alive sockets, about half fetch's CPU per
   * request, for benchmarks where the load generator competes with the server for the cores.
   */
  client?: 'fetch' | 'http';
  requestTimeoutMs: number;
}

export interface GetResult {
  elapsedMs: number;
  statuses: number[];
  ms: number[];
  /** Each answer's ETag, to revalidate with next time. */
  etags: string[];
  bytes: number;
}

export async function getAll(input: GetInput): Promise<GetResult> {
  const statuses = new Array<number>(input.urls.length);
  const ms = new Array<number>(input.urls.length);
  const etags = new Array<string>(input.urls.length);
  let bytes = 0;
  let next = 0;
  const agent = input.client === 'http' ? new Agent({ keepAlive: true, maxSockets: input.concurrency }) : undefined;
  const lane = async () => {
    while (next < input.urls.length) {
      const i = next++;
      const started = performance.now();
      try {
        const headers: Record<string, string> = input.etags ? { 'if-none-match': input.etags[i] } : {};
        if (input.authorizations) headers.authorization = input.authorizations[i];
        const answer = agent ? await viaHttp(input.urls[i], headers, agent, input.requestTimeoutMs) : await viaFetch(input.urls[i], headers, input.requestTimeoutMs);
        bytes += answer.bytes;
        statuses[i] = answer.status;
        etags[i] = answer.etag;
      } catch {
        statuses[i] = 0;
      }
      ms[i] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(input.concurrency, input.urls.length) }, lane));
  const elapsedMs = performance.now() - started;
  agent?.destroy();
  return { elapsedMs, statuses, ms, etags, bytes };
}

interface Answer {
  status: number;
  etag: string;
  bytes: number;
}

async function viaFetch(url: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  return { bytes: (await res.arrayBuffer()).byteLength, status: res.status, etag: res.headers.get('etag') ?? '' };
}

function viaHttp(url: string, headers: Record<string, string>, agent: Agent, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent, timeout: timeoutMs }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: String(res.headers.etag ?? ''), bytes }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void getAll(workerData as GetInput).then((result) => port.postMessage(result));
}
