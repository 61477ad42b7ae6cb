import { Client } from "pg";
import type { Logger } from "../logger";

/** Waits between reconnection attempts: the first, doubled after every failure up to the last. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;

export interface ListenerOptions {
  url: string;
  /** A checked identifier (see `eventChannel`). */
  channel: string;
  /** Shown in `pg_stat_activity`, so an operator can tell whose connection it is. */
  applicationName: string;
  logger: Logger;
  onNotification(payload: string): void;
}

/**
 * LISTEN on one channel over a connection of its own that outlives a PostgreSQL restart or failover: when the
 * connection is lost it is opened again (RETRY_FIRST_MS, doubling up to RETRY_MAX_MS between attempts) and LISTEN
 * is sent again, for as long as it takes. Notifications sent while it was away are not delivered: PostgreSQL keeps
 * none for a session that is not listening. TCP keepalive finds a connection that died without a word.
 *
 * Written here rather than taken from pg-listen, the library for it, which has not been released since 2020.
 */
export class NotificationListener {
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: ListenerOptions) {}

  /** The first connection fails rather than retries, so a wrong URL stops the start. */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end();
  }

  private async connect(): Promise<Client> {
    const { url, channel, applicationName, onNotification } = this.options;
    const client = new Client({ connectionString: url, application_name: applicationName, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client.on("notification", (message) => onNotification(message.payload ?? ""));
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      // Quoted to keep the channel's case.
      await client.query(`LISTEN "${channel}"`);
      return client;
    } catch (error) {
      void client.end().catch(() => undefined);
      throw error;
    }
  }

  /** The current connection failed or ended: reconnect, unless closing. Events of earlier clients are ignored. */
  private lost(client: Client, err?: Error): void {
    if (this.closed || client !== this.client) return;
    this.client = undefined;
    this.options.logger.warn({ err, channel: this.options.channel }, "event listener connection lost; reconnecting");
    void client.end().catch(() => undefined);
    this.reconnectIn(RETRY_FIRST_MS);
  }

  private reconnectIn(ms: number): void {
    this.retry = setTimeout(async () => {
      if (this.closed) return;
      try {
        const client = await this.connect();
        if (this.closed) return void client.end().catch(() => undefined);
        this.client = client;
        this.options.logger.info({ channel: this.options.channel }, "event listener reconnected");
      } catch (err) {
        const next = Math.min(ms * 2, RETRY_MAX_MS);
        this.options.logger.warn({ err, channel: this.options.channel, retryInMs: next }, "event listener could not reconnect");
        this.reconnectIn(next);
      }
    }, ms);
  }
}
