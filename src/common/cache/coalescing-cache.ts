/**
 * A read that many callers ask for at once (the slot page when booking opens) computed once
 * per `ttlMs` per key: callers within that time share the first caller's promise, including
 * while it is still running. A failure is not kept. `ttlMs` 0 computes every time.
 */
export class CoalescingCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.capacity) this.prune(now);
    const entry = { at: now, value: compute() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) if (now - entry.at >= this.ttlMs) this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.clear();
  }
}
