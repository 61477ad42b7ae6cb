import PgBoss from "pg-boss";
import type { Pool } from "pg";
import type { Logger } from "../logger";

export const Queues = {
  CONNECTION_SYNC: "connection-sync",
} as const;

export interface QueueOptions {
  url: string;
  /** Run pg-boss's SQL through this pool instead of its own (the embedded database has one connection). */
  pool?: Pool;
  schema: string;
  logger: Logger;
}

/** pg-boss on Conflux's own database: retries, back-off and dead letters come from here, not from our code. */
export class JobQueue {
  readonly boss: PgBoss;

  constructor(options: QueueOptions) {
    const pool = options.pool;
    this.boss = pool
      ? new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values) }, schema: options.schema })
      : new PgBoss({ connectionString: options.url, schema: options.schema, max: 4, application_name: "conflux" });
    this.boss.on("error", (err) => options.logger.error({ err }, "job queue error"));
  }

  async start(): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(Queues.CONNECTION_SYNC, {
      name: Queues.CONNECTION_SYNC,
      retryLimit: 3,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 60 * 60,
    });
  }

  send<T extends object>(queue: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    return this.boss.send(queue, data, options);
  }

  async stop(): Promise<void> {
    // Graceful: active handlers finish (or are released back to the queue after the timeout).
    await this.boss.stop({ graceful: true, wait: true, timeout: 20_000 });
  }
}
