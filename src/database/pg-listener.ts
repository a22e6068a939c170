import type { Logger } from '@nestjs/common';
import { Client, ClientConfig, escapeIdentifier } from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;
/** `end()` waits for the server's goodbye; a dead peer must not hold up app shutdown. */
const END_TIMEOUT_MS = 1_000;

export interface ListenerHandlers {
  /** A NOTIFY on one of the channels arrived; the payload is the text the sender gave. */
  notified(payload: string, channel: string): void;
  /** LISTEN is in place (first time or after a reconnect): notifications sent before may be lost. */
  listening(): void;
  /** The connection dropped: notifications are not heard until `listening` again. */
  lost?(): void;
}

/**
 * LISTEN on some channels over a connection of its own (a pooled one would be handed to other
 * queries and lose the LISTEN). Reconnects with capped exponential backoff when the
 * connection drops, logging once per outage, and stops without waiting on a dead server.
 */
export class PgListener {
  private client?: Client;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channels: readonly string[],
    private readonly handlers: ListenerHandlers,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) await endQuietly(client);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.config);
    this.client = client;
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('Connection ended')));
    client.on('notification', (message) => {
      if (this.channels.includes(message.channel)) this.handlers.notified(message.payload ?? '', message.channel);
    });
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN ${escapeIdentifier(channel)}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (client !== this.client) return; // stopped or lost meanwhile
    if (this.failures > 0) this.logger.log({ channels: this.channels }, 'PostgreSQL listener reconnected');
    this.failures = 0;
    this.handlers.listening();
  }

  private lost(client: Client, error: unknown): void {
    if (client !== this.client) return; // a connection already given up, or stop()
    this.client = undefined;
    void endQuietly(client);
    this.handlers.lost?.();
    if (this.stopped) return;
    if (this.failures === 0) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ channels: this.channels, reason }, 'PostgreSQL listener lost its connection; reconnecting, polling meanwhile');
    }
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
    this.failures++;
    this.retryTimer = setTimeout(() => void this.connect(), delay * (0.5 + Math.random() / 2));
  }
}

/** A client config for the same database as the app's DataSource (built from DATABASE_URL). */
export function listenerConfig(dataSource: DataSource, applicationName: string): ClientConfig {
  const options = dataSource.options as Extract<DataSourceOptions, { type: 'postgres' }>;
  const extra = (options.extra ?? {}) as { connectionTimeoutMillis?: number };
  return {
    connectionString: options.url,
    application_name: applicationName,
    connectionTimeoutMillis: extra.connectionTimeoutMillis ?? 5_000,
    // A peer that vanished without a FIN is found by TCP keepalive; polling covers until then.
    keepAlive: true,
  };
}

async function endQuietly(client: Client): Promise<void> {
  client.removeAllListeners('notification');
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, END_TIMEOUT_MS)));
  await Promise.race([client.end().catch(() => undefined), timeout]);
  clearTimeout(timer);
}
