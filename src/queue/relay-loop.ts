/**
 * One relay pass run over and over: at once again while it finds work, else after the poll
 * interval, or as soon as it is kicked. Kicks coalesce: a kick during a pass makes exactly
 * one more pass after it, however many arrive, so a burst of notifications costs little.
 */
export class RelayLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private kicked = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<number>,
    private readonly intervalMs: number,
    private readonly hooks: { failed(error: unknown): void; found?(count: number): void },
  ) {}

  start(): void {
    this.schedule(0);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) this.kicked = true;
    else this.schedule(0);
  }

  /** No new pass starts; one in flight finishes (the database and queues are still open). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.run().finally(() => (this.running = undefined));
    }, ms);
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    this.kicked = false;
    let found = 0;
    try {
      found = await this.pass();
      if (found > 0) this.hooks.found?.(found);
    } catch (error) {
      this.hooks.failed(error);
    }
    if (!this.stopped) this.schedule(found > 0 || this.kicked ? 0 : this.intervalMs);
  }
}
