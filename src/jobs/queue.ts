import PgBoss from "pg-boss";
import { Pool } from "pg";
import type { Logger } from "../logger";

export const Queues = {
  CONNECTION_SYNC: "connection-sync",
  ALERT_NOTIFY: "alert-notify",
  INFLUENCER_CLASSIFY: "influencer-classify",
  ENRICHMENT_BATCH: "enrichment-batch",
} as const;

export interface QueueOptions {
  url: string;
  /** Run pg-boss's SQL through this pool instead of its own (the embedded database has one connection). */
  pool?: Pool;
  schema: string;
  logger: Logger;
  /** How often pg-boss expires jobs of dead workers and retries them (its default is two minutes). */
  maintenanceIntervalSeconds?: number;
  /** How long an enrichment batch may run before the queue takes it for lost and hands it out again. */
  enrichmentBatchExpireSeconds?: number;
}

/** Promises still running, so that stopping can wait for them. */
class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when everything running now has settled, or after `ms`, whichever is first. */
  async settle(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([Promise.all(this.running), timeout]);
    clearTimeout(timer);
  }
}

/** Errors of pg-boss's statements, so that a process can tell them apart (see `queueFailureHandler`). */
const statementFailures = new WeakSet<object>();

/**
 * An `unhandledRejection` listener for long-running processes. pg-boss records a job's completion or failure
 * without awaiting it, so when the database cannot be reached at that moment (a restart, a failover) the rejection
 * reaches no one and Node's default ends the process, API and all. A rejection of pg-boss's own statements is
 * logged instead: the job stays active and the queue hands it out again once it expires. Any other unhandled
 * rejection still ends the process, as by default.
 */
export function queueFailureHandler(logger: Logger): (reason: unknown) => void {
  return (reason) => {
    if (typeof reason !== "object" || reason === null || !statementFailures.has(reason)) throw reason;
    logger.warn({ err: reason }, "job queue could not record a job's outcome; the job runs again once it expires");
  };
}

/** pg-boss on Conflux's own database: retries, back-off and dead letters come from here, not from our code. */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly pool: Pool;
  /** The pool is ours to close (it is not the embedded database's shared one). */
  private readonly ownsPool: boolean;
  /** pg-boss's statements and our handlers still running: see `stop`. */
  private readonly inFlight = new InFlight();

  constructor(private readonly options: QueueOptions) {
    this.ownsPool = !options.pool;
    this.pool = options.pool ?? new Pool({ connectionString: options.url, max: 4, application_name: "conflux" });
    if (this.ownsPool) this.pool.on("error", (err) => options.logger.error({ err }, "job queue connection error"));
    const maintenance = options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {};
    const executeSql = async (text: string, values?: unknown[]) => {
      try {
        return await this.pool.query(text, values);
      } catch (error) {
        if (typeof error === "object" && error !== null) statementFailures.add(error);
        throw error;
      }
    };
    const db = { executeSql: (text: string, values?: unknown[]) => this.inFlight.track(executeSql(text, values)) };
    this.boss = new PgBoss({ db, schema: options.schema, ...maintenance });
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
    // Webhook deliveries: durable, retried with back-off for about an hour before they give up.
    await this.boss.createQueue(Queues.ALERT_NOTIFY, {
      name: Queues.ALERT_NOTIFY,
      retryLimit: 8,
      retryDelay: 15,
      retryBackoff: true,
      expireInSeconds: 60,
    });
    // Suspicious-flag checks: a verdict a day late is harmless, so a few retries and then the next day's check.
    await this.boss.createQueue(Queues.INFLUENCER_CLASSIFY, {
      name: Queues.INFLUENCER_CLASSIFY,
      retryLimit: 3,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: 15 * 60,
    });
    // Enrichment batches: a batch of a killed worker expires and runs again; records already finished are skipped.
    const enrichment = {
      name: Queues.ENRICHMENT_BATCH,
      retryLimit: 5,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: this.options.enrichmentBatchExpireSeconds ?? 300,
    };
    await this.boss.createQueue(Queues.ENRICHMENT_BATCH, enrichment);
    await this.boss.updateQueue(Queues.ENRICHMENT_BATCH, enrichment); // an existing queue takes a changed expiry too
  }

  /** Jobs of a queue not yet finished (queued, retrying or running). */
  async size(queue: string): Promise<number> {
    const rows = await this.sql(`SELECT count(*)::int AS n FROM ${this.options.schema}.job WHERE name = $1 AND state < 'completed'`, [queue]);
    return Number(rows[0].n);
  }

  /**
   * Runs `handler` on the jobs of `name`, `batchSize` (default 1) at a time, as one poller; returns its worker id.
   * pg-boss makes a poller that finished a batch wait out the rest of its polling interval, which caps a busy queue
   * at one batch per interval per poller however short the jobs; a poller that got jobs therefore asks for more at
   * once, and only an empty queue is polled at the interval. A handler that throws fails its jobs (retried by the
   * queue's policy).
   */
  async work<T extends object>(
    name: string,
    options: { pollingIntervalSeconds: number; batchSize?: number },
    handler: (jobs: PgBoss.JobWithMetadata<T>[]) => Promise<void>,
  ): Promise<string> {
    let workerId: string | undefined;
    workerId = await this.boss.work<T>(name, { ...options, includeMetadata: true }, async (jobs: PgBoss.JobWithMetadata<T>[]) => {
      await this.inFlight.track(handler(jobs));
      if (jobs.length && workerId) this.boss.notifyWorker(workerId);
    });
    return workerId;
  }

  /** Which of these singleton keys still have a job that will run (created, retry or active). */
  async pendingKeys(queue: string, keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await this.sql(
      `SELECT singleton_key FROM ${this.options.schema}.job
        WHERE name = $1 AND singleton_key = ANY($2::text[]) AND state IN ('created', 'retry', 'active')`,
      [queue, keys],
    );
    return new Set(rows.map((r) => String(r.singleton_key)));
  }

  /**
   * Jobs of a queue that were due more than `seconds` ago and have not started: a queue that stopped draining
   * (no worker, or workers stuck) shows here long before anyone notices missing data.
   */
  async overdue(queue: string, seconds: number): Promise<{ count: number; oldestDueAt: Date | null }> {
    const rows = await this.sql(
      `SELECT count(*)::int AS count, min(start_after) AS oldest FROM ${this.options.schema}.job
        WHERE name = $1 AND state IN ('created', 'retry') AND start_after < now() - make_interval(secs => $2)`,
      [queue, seconds],
    );
    return { count: Number(rows[0].count), oldestDueAt: rows[0].oldest ? new Date(rows[0].oldest as string) : null };
  }

  /** SQL on pg-boss's own tables, through the same connection pg-boss uses (the embedded database has one). */
  private async sql(text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    return (await this.pool.query(text, values)).rows;
  }

  send<T extends object>(queue: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    return this.boss.send(queue, data, options);
  }

  /** Many jobs of one queue in one insert, each with its own delay. */
  async sendMany<T extends object>(queue: string, jobs: { data: T; singletonKey?: string; startAfterSeconds?: number }[]): Promise<void> {
    if (!jobs.length) return;
    await this.boss.insert(
      jobs.map((job) => ({
        name: queue,
        data: job.data,
        singletonKey: job.singletonKey,
        // pg-boss reads a startAfter without a trailing Z as an interval from now: seconds here.
        startAfter: job.startAfterSeconds ? String(job.startAfterSeconds) : undefined,
      })),
    );
  }

  /**
   * Graceful: active handlers finish (or are released back to the queue after the timeout). pg-boss then thinks
   * itself done while work of its own may still run: it records a finished job's completion or failure without
   * awaiting it, and a fetch in flight when stop began still hands its jobs to the handler. Both write through the
   * pool, so it is closed only once they have settled (an unhandled "Cannot use a pool after calling end" otherwise).
   */
  async stop(): Promise<void> {
    const deadline = Date.now() + 20_000;
    await this.boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    while (this.inFlight.size && Date.now() < deadline) {
      await this.inFlight.settle(deadline - Date.now());
      // What a settled statement leads to (a fetched job's handler, its completion) starts within this turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.inFlight.size) this.options.logger.warn({ running: this.inFlight.size }, "job queue stopped with work still running");
    if (this.ownsPool) await this.pool.end();
  }
}
