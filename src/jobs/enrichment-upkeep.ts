import cron, { ScheduledTask } from "node-cron";
import type { Logger } from "../logger";
import type { EnrichmentService } from "../services/enrichment/enrichment-service";

/** Transactions with pending records and no activity for this long get their batches queued again. */
const IDLE_SECONDS = 600;

/** Once a minute: re-queue the batches a crashed process committed but never queued (see requeueIdle). */
export class EnrichmentUpkeep {
  private task?: ScheduledTask;

  constructor(
    private readonly enrichment: EnrichmentService,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.task = cron.schedule("15 * * * * *", () => {
      this.enrichment
        .requeueIdle(IDLE_SECONDS)
        .then((n) => n && this.logger.warn({ records: n }, "re-queued idle enrichment records"))
        .catch((err) => this.logger.error({ err }, "enrichment upkeep failed"));
    }, { noOverlap: true, name: "conflux-enrichment-upkeep" });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.task?.destroy();
  }
}
