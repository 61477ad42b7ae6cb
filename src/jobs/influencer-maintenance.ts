import cron, { ScheduledTask } from "node-cron";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { InfluencerService } from "../services/influencers/influencer-service";
import type { InfluencerClassifier } from "../services/influencers/influencer-classifier";
import type { MetricStore } from "../services/influencers/metric-store";
import type { InfluencerPoller } from "../services/influencers/influencer-poller";

const DAY_MS = 86_400_000;
/** A snapshot waits this many times its last duration before the next (see refreshSnapshotWhenDue). */
const SNAPSHOT_SPACING = 5;

/**
 * Once a minute, for every account: the next days' partitions exist before their readings arrive, hours and days
 * that are over are rolled up, expired raw days are dropped, the snapshot (latest counts, ranks, averages) is
 * refreshed, influencers due for their daily suspicious check are queued, and the polling lag gauge is set.
 * Each step is idempotent, so several schedulers on one database are harmless.
 */
export class InfluencerMaintenance {
  private task?: ScheduledTask;
  private snapshotDueAt = 0;

  constructor(
    private readonly influencers: InfluencerService,
    private readonly classifier: InfluencerClassifier,
    private readonly store: MetricStore,
    private readonly poller: InfluencerPoller,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: { retentionDays: number },
  ) {}

  start(expression = "15 * * * * *"): void {
    this.task = cron.schedule(expression, () => {
      this.run().catch((err) => this.logger.error({ err }, "influencer maintenance failed"));
    }, { noOverlap: true, name: "conflux-influencers" });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.task?.destroy();
  }

  /**
   * The snapshot, unless the last one was long: it sorts and rewrites every influencer read since, so at a million
   * influencers it takes tens of seconds, and run every minute it would hold PostgreSQL a third of the time the
   * pollers need it. It waits four times its last duration, so it never takes more than a fifth of the database;
   * ranks and averages are then a few minutes old instead of one. Returns the influencers it moved (0 if skipped).
   */
  async refreshSnapshotWhenDue(): Promise<number> {
    const started = Date.now();
    if (started < this.snapshotDueAt) return 0;
    try {
      return await this.influencers.refreshSnapshot();
    } finally {
      this.snapshotDueAt = started + SNAPSHOT_SPACING * (Date.now() - started);
    }
  }

  async run(): Promise<{ dropped: string[]; ranked: number; classifying: number }> {
    const now = this.clock.now().getTime();
    await this.store.ensurePartitions([now, now + DAY_MS, now + 2 * DAY_MS]);
    await this.store.rollUp(now);
    const dropped = await this.store.dropExpired(now, this.options.retentionDays);
    const ranked = await this.refreshSnapshotWhenDue();
    const classifying = await this.classifier.queueDue();
    // The lag gauge is exported by this process (the one serving /metrics), for every poller on the database.
    await this.poller.lagSeconds();
    return { dropped, ranked, classifying };
  }
}
