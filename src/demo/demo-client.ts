/** A failed API call, with what the API said (its `code`), for the demo's one-line errors. */
export class DemoApiError extends Error {
  override name = 'DemoApiError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const code = (body as { code?: string } | null)?.code;
    super(`${method} ${path} answered ${status}${code ? ` ${code}` : ''}`);
  }
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** A raw body (CSV) with its type, instead of JSON. */
  text?: { contentType: string; body: string };
  /** Statuses that are answers, not failures (e.g. 409 when a first-come booking loses a race). */
  accept?: number[];
}

/**
 * The demo drives Fairgrid through its public HTTP API, as a career-services office and its
 * students would: every rule the API enforces holds for the demo's data too.
 */
export class DemoClient {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, options: RequestOptions = {}): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.text) {
      headers['Content-Type'] = options.text.contentType;
      body = options.text.body;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${this.baseUrl}/api${path}`, { method, headers, body });
    const type = response.headers.get('content-type') ?? '';
    const parsed: unknown = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok && !(options.accept ?? []).includes(response.status)) throw new DemoApiError(method, path, response.status, parsed);
    return { status: response.status, body: parsed as T };
  }

  async get<T>(path: string, token: string): Promise<T> {
    return (await this.call<T>('GET', path, { token })).body;
  }

  async post<T>(path: string, token: string, body?: unknown): Promise<T> {
    return (await this.call<T>('POST', path, { token, body })).body;
  }

  async put<T>(path: string, token: string, body: unknown): Promise<T> {
    return (await this.call<T>('PUT', path, { token, body })).body;
  }

  /** Every item of a paged list (`{items, nextCursor}`), 500 at a time. */
  async all<T>(path: string, token: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await this.get(`${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

/** Runs `work` over `items` with at most `limit` at once, keeping the order of results. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}
