import { JobQueue, Queues } from "../queue";
import type { ClassifyJob, InfluencerClassifier } from "../../services/influencers/influencer-classifier";

/** Consumes suspicious-flag checks, `concurrency` jobs at a time, apart from metric polling. */
export async function workInfluencerClassification(
  queue: JobQueue,
  classifier: InfluencerClassifier,
  options: { concurrency: number; pollingIntervalSeconds?: number },
): Promise<void> {
  for (let i = 0; i < options.concurrency; i++) {
    await queue.work<ClassifyJob>(Queues.INFLUENCER_CLASSIFY, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
      for (const job of jobs) await classifier.classify(job.data);
    });
  }
}
