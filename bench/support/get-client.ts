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
  const lane = async () => {
    while (next < input.urls.length) {
      const i = next++;
      const started = performance.now();
      try {
        const headers: Record<string, string> = input.etags ? { 'if-none-match': input.etags[i] } : {};
        if (input.authorizations) headers.authorization = input.authorizations[i];
        const res = await fetch(input.urls[i], { headers, signal: AbortSignal.timeout(input.requestTimeoutMs) });
        bytes += (await res.arrayBuffer()).byteLength;
        statuses[i] = res.status;
        etags[i] = res.headers.get('etag') ?? '';
      } catch {
        statuses[i] = 0;
      }
      ms[i] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(input.concurrency, input.urls.length) }, lane));
  return { elapsedMs: performance.now() - started, statuses, ms, etags, bytes };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void getAll(workerData as GetInput).then((result) => port.postMessage(result));
}
