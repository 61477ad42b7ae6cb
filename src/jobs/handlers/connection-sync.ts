import type PgBoss from "pg-boss";
import { JobQueue, Queues } from "../queue";
import type { SyncRunner } from "../../services/sync/sync-runner";
import type { SyncJob } from "../../services/connections/connection-service";

/**
 * Consumes queued sync runs, `concurrency` at a time in this process (one pg-boss poller each); retries and
 * back-off are the queue's, and a connection never runs twice at once (one active run per connection). pg-boss
 * makes a poller that finished a job wait out the rest of its polling interval, which capped a busy queue at
 * `concurrency` runs per interval however short the runs; a poller that ran a job therefore asks for the next at
 * once (notifyWorker), and only an empty queue is polled at the interval.
 */
export async function workConnectionSyncs(
  queue: JobQueue,
  runner: SyncRunner,
  options: { concurrency: number; pollingIntervalSeconds?: number },
): Promise<void> {
  for (let i = 0; i < options.concurrency; i++) {
    let workerId: string | undefined;
    workerId = await queue.boss.work<SyncJob>(
      Queues.CONNECTION_SYNC,
      { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
      async (jobs: PgBoss.JobWithMetadata<SyncJob>[]) => {
        for (const job of jobs) {
          await runner.run(job.data, { retryCount: job.retryCount, retryLimit: job.retryLimit });
        }
        if (jobs.length && workerId) queue.boss.notifyWorker(workerId);
      },
    );
  }
}
