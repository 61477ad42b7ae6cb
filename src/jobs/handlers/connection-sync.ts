import { JobQueue, Queues } from "../queue";
import type { SyncRunner } from "../../services/sync/sync-runner";
import type { SyncJob } from "../../services/connections/connection-service";

/**
 * Consumes queued sync runs, `concurrency` at a time in this process (one poller each, taking the next run as
 * soon as one ends); retries and back-off are the queue's, and a connection never runs twice at once (one active
 * run per connection).
 */
export async function workConnectionSyncs(
  queue: JobQueue,
  runner: SyncRunner,
  options: { concurrency: number; pollingIntervalSeconds?: number },
): Promise<void> {
  for (let i = 0; i < options.concurrency; i++) {
    await queue.work<SyncJob>(Queues.CONNECTION_SYNC, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 }, async (jobs) => {
      for (const job of jobs) {
        await runner.run(job.data, { retryCount: job.retryCount, retryLimit: job.retryLimit });
      }
    });
  }
}
