import type { DataSource } from "typeorm";
import { AccountScope } from "../../db/account-scope";
import type { Logger } from "../../logger";
import type { EnrichmentInput } from "../../connectors/contract";
import type { ActivityAttributes } from "../customers/activity-item";
import type { ActivityService } from "../customers/activity-service";
import { enrichmentRecordsTotal } from "../../metrics";
import type { AnswerCache } from "./answer-cache";
import type { EnrichmentEvents, EnrichmentProgress } from "./enrichment-events";
import type { ProviderDirectory } from "./providers";
import { outcomeOf, runWaterfall, WaterfallStats, WorkItem, workItem } from "./waterfall";

/** A batch of one transaction's records, as queued. */
export interface EnrichmentJob {
  accountId: string;
  transactionId: string;
  recordIds: string[];
}

export interface ProcessorOptions {
  /** Records finished per statement: counters move with them, so progress shows in steps of this size. */
  writeBatch: number;
}

interface TransactionRow {
  erid: string;
  fields: string[];
  write_back: boolean;
}

interface FinishedRow {
  erid: string;
  status: "incomplete" | "completed";
  number_of_records: number;
  received: number;
  enriched: number;
  not_found: number;
  failed: number;
  applied: number;
}

/**
 * Enriches one queued batch. Only records without a result are read, so whatever an earlier attempt finished is
 * not done again; results are written in micro-batches by one statement that inserts the results not yet there
 * and moves the transaction's counters by exactly the rows it inserted. A worker killed anywhere
 * therefore loses nothing (the queue hands the batch out again once it expires) and counts nothing twice.
 */
export class EnrichmentProcessor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ProviderDirectory,
    private readonly cache: AnswerCache,
    private readonly activity: ActivityService,
    private readonly events: EnrichmentEvents,
    private readonly logger: Logger,
    private readonly options: ProcessorOptions = { writeBatch: 500 },
  ) {}

  async process(job: EnrichmentJob, attempt: { retryCount: number; retryLimit: number }): Promise<void> {
    const scope = AccountScope.of(this.dataSource, job.accountId);
    const [tx] = await scope.query<TransactionRow>(
      `SELECT erid, fields, write_back FROM enrichment_transaction WHERE account_id = $1 AND id = $2`,
      [job.transactionId],
    );
    if (!tx) return; // deleted with its account or transaction: nothing left to do
    const records = await scope.query<{ id: string; input: EnrichmentInput }>(
      `SELECT r.id::text AS id, r.input FROM unnest($3::bigint[]) AS batch(id)
         JOIN enrichment_record r ON r.id = batch.id
        WHERE r.account_id = $1 AND r.transaction_id = $2
          AND NOT EXISTS (SELECT 1 FROM enrichment_result x WHERE x.record_id = r.id)
        ORDER BY r.id`,
      [job.transactionId, job.recordIds],
    );
    if (!records.length) return;
    const providers = await this.directory.waterfall(scope);
    const items = records.map((r) => workItem(r.id, r.input));
    const stats: WaterfallStats = { vendorCalls: 0, cacheHits: 0 };
    try {
      await runWaterfall(scope, providers, this.cache, items, tx.fields, attempt.retryCount >= attempt.retryLimit, stats);
    } catch (error) {
      // The calls were made (and paid for) even though the batch will run again.
      await scope.query(
        `UPDATE enrichment_transaction SET vendor_calls = vendor_calls + $3, cache_hits = cache_hits + $4 WHERE account_id = $1 AND id = $2`,
        [job.transactionId, stats.vendorCalls, stats.cacheHits],
      );
      throw error;
    }
    for (let i = 0; i < items.length; i += this.options.writeBatch) {
      const batch = items.slice(i, i + this.options.writeBatch);
      if (tx.write_back) await this.writeBack(scope, job.transactionId, batch);
      await this.finish(scope, job.transactionId, batch, i === 0 ? stats : { vendorCalls: 0, cacheHits: 0 });
    }
  }

  /** One statement: results of the records still pending, the counters moved by those, completion. */
  private async finish(scope: AccountScope, transactionId: string, items: WorkItem[], stats: WaterfallStats): Promise<void> {
    const rows = items.map((item) => ({
      id: item.id,
      status: outcomeOf(item),
      output: item.output,
      providers: item.providers,
      error: item.errors.length && outcomeOf(item) === "failed" ? item.errors.join("; ") : null,
    }));
    const result = await scope.withClientTransaction(async (client) => {
      // Records and counters commit together, so a commit lost to a crash loses both: the records are pending
      // again and the batch's retry finishes them (from the cache). Waiting for the disk buys nothing here, and
      // every worker would wait for it while holding the transaction's counter row.
      await client.exec("SET LOCAL synchronous_commit = off");
      return client.query<FinishedRow>(
      `WITH input AS (
         SELECT * FROM json_to_recordset($3::json) AS x(id bigint, status text, output jsonb, providers jsonb, error text)
       ), done AS (
         INSERT INTO enrichment_result (record_id, account_id, transaction_id, status, output, providers, error)
         SELECT i.id, $1, $2, i.status, i.output, i.providers, i.error FROM input i
         ON CONFLICT (record_id) DO NOTHING
         RETURNING status
       ), delta AS (
         SELECT count(*) FILTER (WHERE status = 'enriched')::int AS enriched,
                count(*) FILTER (WHERE status = 'not_found')::int AS not_found,
                count(*) FILTER (WHERE status = 'failed')::int AS failed,
                count(*)::int AS applied
           FROM done
       )
       UPDATE enrichment_transaction t
          SET enriched = t.enriched + d.enriched, not_found = t.not_found + d.not_found, failed = t.failed + d.failed,
              vendor_calls = t.vendor_calls + $4, cache_hits = t.cache_hits + $5,
              status = CASE WHEN t.enriched + t.not_found + t.failed + d.applied >= t.number_of_records THEN 'completed' ELSE t.status END,
              completed_at = CASE WHEN t.completed_at IS NULL AND t.enriched + t.not_found + t.failed + d.applied >= t.number_of_records
                                  THEN now() ELSE t.completed_at END,
              updated_at = now()
         FROM delta d
        WHERE t.account_id = $1 AND t.id = $2
       RETURNING t.erid, t.status, t.number_of_records, t.received, t.enriched, t.not_found, t.failed, d.applied`,
        [transactionId, JSON.stringify(rows), stats.vendorCalls, stats.cacheHits],
      );
    });
    const row = result[0];
    if (!row || !row.applied) return;
    const finished = new Map<string, number>();
    for (const r of rows) finished.set(r.status, (finished.get(r.status) ?? 0) + 1);
    for (const [outcome, n] of finished) enrichmentRecordsTotal.inc({ outcome }, n);
    const progress: EnrichmentProgress = {
      accountId: scope.accountId,
      erid: row.erid,
      status: row.status,
      numberOfRecords: row.number_of_records,
      received: row.received,
      enriched: row.enriched,
      notFound: row.not_found,
      failed: row.failed,
    };
    // The write that reached number_of_records is the one whose counters crossed it: it alone announces completion.
    const finalCount = row.enriched + row.not_found + row.failed;
    if (row.status === "completed" && finalCount - row.applied < row.number_of_records) this.events.completed(progress);
    else this.events.progress(progress);
  }

  /**
   * Enriched fields become attributes of the customers the contacts name (`customer_id`), under an event id per
   * record, so a batch written back twice changes nothing the second time. Contacts naming no existing customer
   * are left out: enrichment never creates customers.
   */
  private async writeBack(scope: AccountScope, transactionId: string, items: WorkItem[]): Promise<void> {
    const wanted = items.filter((item) => typeof item.input.customer_id === "string" && Object.keys(item.output).length);
    if (!wanted.length) return;
    const existing = await scope.query<{ id: string }>(`SELECT id FROM customer WHERE account_id = $1 AND id = ANY($2::text[])`, [
      wanted.map((item) => item.input.customer_id as string),
    ]);
    const ids = new Set(existing.map((r) => r.id));
    const timestamp = Math.floor(Date.now() / 1000);
    const changes: ActivityAttributes[] = wanted
      .filter((item) => ids.has(item.input.customer_id as string))
      .map((item) => ({ kind: "attributes", eventId: `enrichment:${transactionId}:${item.id}`, userId: item.input.customer_id as string, data: item.output, timestamp }));
    if (changes.length) await this.activity.applyItems(scope, changes);
    this.logger.debug({ transactionId, written: changes.length }, "enrichment written back");
  }
}
