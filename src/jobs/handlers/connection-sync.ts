import type PgBoss from "pg-boss";
import { JobQueue, Queues } from "../queue";
import type { SyncRunner } from "../../services/sync/sync-runner";
import type { SyncJob } from "../../services/connections/connection-service";

/** Consumes queued sync runs one at a time per worker; retries and back-off are the queue's. */
export function workConnectionSyncs(queue: JobQueue, runner: SyncRunner, pollingIntervalSeconds = 1): Promise<string> {
  return queue.boss.work<SyncJob>(
    Queues.CONNECTION_SYNC,
    { includeMetadata: true, batchSize: 1, pollingIntervalSeconds },
    async (jobs: PgBoss.JobWithMetadata<SyncJob>[]) => {
      for (const job of jobs) {
        await runner.run(job.data, { retryCount: job.retryCount, retryLimit: job.retryLimit });
      }
    },
  );
}
