import { JobQueue, Queues } from "../queue";
import type { EnrichmentJob, EnrichmentProcessor } from "../../services/enrichment/enrichment-processor";

/** Consumes enrichment batches, `concurrency` at a time in this process; retries and expiry are the queue's. */
export async function workEnrichmentBatches(
  queue: JobQueue,
  processor: EnrichmentProcessor,
  options: { concurrency: number; pollingIntervalSeconds?: number },
): Promise<void> {
  for (let i = 0; i < options.concurrency; i++) {
    await queue.work<EnrichmentJob>(Queues.ENRICHMENT_BATCH, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 }, async (jobs) => {
      for (const job of jobs) await processor.process(job.data, { retryCount: job.retryCount, retryLimit: job.retryLimit });
    });
  }
}
