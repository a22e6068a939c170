/**
 * Students and volunteers whose account was found to exist lately, believed for `trustMs`
 * without asking PostgreSQL again: the hot paths (booking, slot page) then cost one statement,
 * not two. Only while deletions are heard (see PrincipalDirectory): `forget` on each deleted id,
 * `clear` whenever the announcements may have been missed.
 */
export class SeenAccounts {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly trustMs: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  has(id: string): boolean {
    const at = this.seenAt.get(id);
    if (at === undefined) return false;
    if (this.now() - at < this.trustMs) return true;
    this.seenAt.delete(id);
    return false;
  }

  remember(id: string): void {
    // A full map is emptied rather than evicted entry by entry: it only costs a lookup each.
    if (this.seenAt.size >= this.capacity) this.seenAt.clear();
    this.seenAt.set(id, this.now());
  }

  forget(id: string): void {
    this.seenAt.delete(id);
  }

  clear(): void {
    this.seenAt.clear();
  }
}
