import cron, { ScheduledTask } from "node-cron";
import { DataSource } from "typeorm";
import { Clock } from "../clock";
import type { Logger } from "../logger";
import { ConnectionService } from "../services/connections/connection-service";
import { nextFireAfter } from "../services/connections/schedule";
import { scheduledSyncsTotal } from "../metrics";
import { AlertService } from "../services/alerts/alert-service";
import { JobQueue, Queues } from "./queue";

/**
 * Each tick claims the connections that are due and queues a run for each. Claiming moves `next_sync_at`
 * forward in the same statement under `FOR UPDATE SKIP LOCKED`, so any number of schedulers on one database
 * fire a due connection once. Runs start with random jitter so connections sharing a schedule spread out.
 * Every minute it also evaluates lag alerts and checks that the queue drains.
 */
export class Scheduler {
  private tasks: ScheduledTask[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionService,
    private readonly alerts: AlertService,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: { jitterSeconds: number; queueStallSeconds: number; batchSize?: number },
  ) {}

  start(expression = "*/10 * * * * *"): void {
    this.tasks = [
      cron.schedule(expression, () => {
        this.tick().catch((err) => this.logger.error({ err }, "scheduler tick failed"));
      }, { noOverlap: true, name: "conflux-scheduler" }),
      cron.schedule("30 * * * * *", () => {
        this.checkAlerts().catch((err) => this.logger.error({ err }, "alert evaluation failed"));
      }, { noOverlap: true, name: "conflux-alerts" }),
    ];
  }

  async stop(): Promise<void> {
    for (const task of this.tasks) {
      await task.stop();
      await task.destroy();
    }
  }

  /** Lag of every connection, and whether the queue still drains. Repeating it is harmless (alerts dedupe). */
  async checkAlerts(): Promise<void> {
    await this.failLostRuns();
    await this.alerts.evaluateLag();
    const overdue = await this.queue.overdue(Queues.CONNECTION_SYNC, this.options.queueStallSeconds);
    await this.alerts.evaluateQueue(overdue, this.options.queueStallSeconds);
  }

  /**
   * A run whose job the queue no longer holds (expired, deleted by hand) would stay QUEUED or RUNNING forever and,
   * being the connection's one active run, block every later one. Such runs are failed with a readable reason.
   */
  async failLostRuns(olderThanSeconds = 600): Promise<number> {
    const candidates: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM sync_run WHERE status IN ('QUEUED', 'RUNNING') AND queued_at < $1::timestamptz - make_interval(secs => $2)`,
      [this.clock.now(), olderThanSeconds],
    );
    const pending = await this.queue.pendingKeys(Queues.CONNECTION_SYNC, candidates.map((c) => c.id));
    const lost = candidates.map((c) => c.id).filter((id) => !pending.has(id));
    if (!lost.length) return 0;
    await this.dataSource.query(
      `UPDATE sync_run SET status = 'FAILED', finished_at = $2,
              error = 'the job queue no longer holds this run (expired or removed); the next trigger starts a new one'
        WHERE id = ANY($1::uuid[]) AND status IN ('QUEUED', 'RUNNING')`,
      [lost, this.clock.now()],
    );
    this.logger.warn({ runs: lost }, "failed sync runs the queue lost");
    return lost.length;
  }

  /** Queues every due connection once; returns how many runs it queued. */
  async tick(): Promise<number> {
    const batchSize = this.options.batchSize ?? 500;
    let queued = 0;
    // Batch after batch until nothing is due: a thousand connections due at :00 are all queued by this tick.
    for (;;) {
      const { claimed, queued: n } = await this.queueBatch(batchSize);
      queued += n;
      if (claimed < batchSize) return queued;
    }
  }

  private async queueBatch(batchSize: number): Promise<{ claimed: number; queued: number }> {
    const now = this.clock.now();
    // Provisional next time (one minute on) so a crash between claim and reschedule still retries later.
    const claimed: { id: string; account_id: string; schedule: string }[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE connection c SET next_sync_at = $1::timestamptz + interval '1 minute'
          WHERE c.id IN (SELECT id FROM connection
                          WHERE NOT paused AND schedule IS NOT NULL AND next_sync_at <= $1
                          ORDER BY next_sync_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING c.id, c.account_id, c.schedule)
       SELECT * FROM claimed`,
      [now, batchSize],
    );
    if (!claimed.length) return { claimed: 0, queued: 0 };
    await this.dataSource.query(
      `UPDATE connection c SET next_sync_at = n.at FROM unnest($1::uuid[], $2::timestamptz[]) AS n(id, at) WHERE c.id = n.id`,
      [claimed.map((r) => r.id), claimed.map((r) => nextFireAfter(r.schedule, now))],
    );
    let queued = 0;
    try {
      const due = claimed.map((row) => ({ id: row.id, accountId: row.account_id }));
      queued = (await this.connections.queueScheduledRuns(due, this.options.jitterSeconds)).length;
      scheduledSyncsTotal.inc(queued);
    } catch (err) {
      this.logger.error({ err, connections: claimed.length }, "could not queue scheduled syncs");
    }
    return { claimed: claimed.length, queued };
  }
}
