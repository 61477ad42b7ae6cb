import type { DataSource } from "typeorm";
import { AccountScope } from "../../db/account-scope";
import { decodeCursor, encodeCursor, Page, pageSize } from "../../db/keyset";
import { ConflictError, ValidationError } from "../../errors";
import type { JobQueue } from "../../jobs/queue";
import { Queues } from "../../jobs/queue";
import type { Connection } from "../../entities/connection";
import { enrichmentRecordsTotal } from "../../metrics";
import type { EnrichmentEvents, EnrichmentProgress } from "./enrichment-events";
import type { EnrichmentJob } from "./enrichment-processor";
import type { ProviderDirectory } from "./providers";
import { parseSubmission, recordKeys } from "./submission";

export type TransactionStatus = "inexistent" | "incomplete" | "completed";

export interface EnrichmentTransaction {
  id: string;
  accountId: string;
  erid: string;
  status: TransactionStatus;
  fields: string[];
  numberOfRecords: number;
  received: number;
  enriched: number;
  notFound: number;
  failed: number;
  vendorCalls: number;
  cacheHits: number;
  writeBack: boolean;
  pipelineId: string | null;
  requestDate: Date | null;
  completedAt: Date | null;
}

export interface EnrichmentRecord {
  id: string;
  erid: string;
  /** The fields its transaction asked for. */
  fields: string[];
  key: string;
  status: "pending" | "enriched" | "not_found" | "failed";
  input: Record<string, unknown>;
  output: Record<string, string>;
  providers: Record<string, string>;
  error: string | null;
  finishedAt: Date | null;
}

export interface SubmitResult {
  transaction: EnrichmentTransaction;
  /** Contacts new to the transaction. */
  accepted: number;
  /** Contacts it already held (a re-sent request). */
  duplicates: number;
}

export interface ServiceOptions {
  /** Records per queued batch: the unit a worker enriches and the queue retries. */
  jobSize: number;
}

const COLUMNS = `id, account_id, erid, status, fields, number_of_records, received, enriched, not_found, failed, vendor_calls,
  cache_hits, write_back, pipeline_id, request_date, completed_at`;

interface TransactionRow {
  id: string;
  account_id: string;
  erid: string;
  status: "incomplete" | "completed";
  fields: string[];
  number_of_records: number;
  received: number;
  enriched: number;
  not_found: number;
  failed: number;
  vendor_calls: number;
  cache_hits: number;
  write_back: boolean;
  pipeline_id: string | null;
  request_date: Date;
  completed_at: Date | null;
}

const toTransaction = (r: TransactionRow): EnrichmentTransaction => ({
  id: r.id,
  accountId: r.account_id,
  erid: r.erid,
  status: r.status,
  fields: r.fields,
  numberOfRecords: r.number_of_records,
  received: r.received,
  enriched: r.enriched,
  notFound: r.not_found,
  failed: r.failed,
  vendorCalls: r.vendor_calls,
  cacheHits: r.cache_hits,
  writeBack: r.write_back,
  pipelineId: r.pipeline_id,
  requestDate: r.request_date,
  completedAt: r.completed_at,
});

/** What an erid no transaction has looks like: the contract's `inexistent`. */
function inexistent(accountId: string, erid: string): EnrichmentTransaction {
  return {
    id: "",
    accountId,
    erid,
    status: "inexistent",
    fields: [],
    numberOfRecords: 0,
    received: 0,
    enriched: 0,
    notFound: 0,
    failed: 0,
    vendorCalls: 0,
    cacheHits: 0,
    writeBack: false,
    pipelineId: null,
    requestDate: null,
    completedAt: null,
  };
}

/**
 * Enrichment transactions: accepting contacts under an erid, queueing them in batches for the workers
 * (EnrichmentProcessor), and reading transactions and their records back.
 */
export class EnrichmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    readonly providers: ProviderDirectory,
    readonly events: EnrichmentEvents,
    private readonly options: ServiceOptions = { jobSize: 1000 },
  ) {}

  /**
   * Adds contacts to the transaction `erid`, creating it on the first request. Idempotent per contact key (see
   * recordKeys). CONFLICT when the erid exists with other fields or number_of_records, or when the request would
   * take the transaction past number_of_records; in both cases nothing of the request is stored.
   */
  async submit(scope: AccountScope, input: unknown, names?: Record<string, string>, pipelineId: string | null = null): Promise<SubmitResult> {
    const s = parseSubmission(input, names);
    await this.requireFillable(scope, s.fields);
    const keys = recordKeys(s.contacts);
    const records = JSON.stringify(s.contacts.map((input, i) => ({ key: keys[i], input })));
    const { row, inserted } = await scope.withClientTransaction(async (client) => {
      await client.query(
        `INSERT INTO enrichment_transaction (account_id, erid, fields, number_of_records, write_back, pipeline_id)
         VALUES ($1, $2, $3::text[], $4, $5, $6) ON CONFLICT (account_id, erid) DO NOTHING`,
        [s.erid, s.fields, s.numberOfRecords, s.writeBack, pipelineId],
      );
      // The row lock orders concurrent requests of one erid, so the limit check below sees every earlier one.
      const [current] = await client.query<TransactionRow>(`SELECT ${COLUMNS} FROM enrichment_transaction WHERE account_id = $1 AND erid = $2 FOR UPDATE`, [s.erid]);
      if (current.number_of_records !== s.numberOfRecords || current.fields.join() !== s.fields.join() || current.write_back !== s.writeBack) {
        throw new ConflictError(
          `erid ${s.erid} already exists with number_of_records ${current.number_of_records}, fields ${current.fields.join(", ")}` +
            (current.write_back ? " and write-back" : ""),
          { erid: s.erid },
        );
      }
      const ids = await client.query<{ id: string }>(
        `INSERT INTO enrichment_record (account_id, transaction_id, key, input)
         SELECT $1, $2, x.key, x.input FROM json_to_recordset($3::json) AS x(key text, input jsonb)
         ON CONFLICT (transaction_id, key) DO NOTHING RETURNING id::text AS id`,
        [current.id, records],
      );
      if (current.received + ids.length > current.number_of_records) {
        throw new ConflictError(
          `erid ${s.erid}: this request adds ${ids.length} records to the ${current.received} received, more than number_of_records (${current.number_of_records})`,
          { erid: s.erid },
        );
      }
      const [updated] = await client.query<TransactionRow>(
        `UPDATE enrichment_transaction SET received = received + $3, updated_at = now() WHERE account_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [current.id, ids.length],
      );
      return { row: updated, inserted: ids.map((r) => r.id) };
    });
    await this.queueBatches(scope.accountId, row.id, inserted);
    enrichmentRecordsTotal.inc({ outcome: "received" }, inserted.length);
    const transaction = toTransaction(row);
    if (inserted.length) this.events.progress(progressOf(transaction));
    return { transaction, accepted: inserted.length, duplicates: s.contacts.length - inserted.length };
  }

  /** Every requested field must be one some provider of the account's waterfall can fill. */
  private async requireFillable(scope: AccountScope, fields: string[]): Promise<void> {
    const providers = await this.providers.waterfall(scope);
    if (!providers.length) throw new ValidationError("this account has no enrichment providers: set its waterfall first (setEnrichmentWaterfall)");
    const fillable = new Set(providers.flatMap((p) => [...p.fields]));
    const missing = fields.filter((f) => !fillable.has(f));
    if (missing.length) {
      throw new ValidationError(`fields: no provider of this account fills ${missing.join(", ")} (they fill ${[...fillable].sort().join(", ")})`, { field: "fields" });
    }
  }

  private async queueBatches(accountId: string, transactionId: string, recordIds: string[]): Promise<void> {
    const jobs: { data: EnrichmentJob }[] = [];
    for (let i = 0; i < recordIds.length; i += this.options.jobSize) {
      jobs.push({ data: { accountId, transactionId, recordIds: recordIds.slice(i, i + this.options.jobSize) } });
    }
    await this.queue.sendMany(Queues.ENRICHMENT_BATCH, jobs);
  }

  /**
   * Queues again the pending records of incomplete transactions nothing has touched for `idleSeconds`: the batches
   * of a process that died between committing a request and queueing it. A batch queued twice is harmless (records
   * finish once; answers come from the cache). Runs across accounts, like the scheduler.
   */
  async requeueIdle(idleSeconds: number): Promise<number> {
    const [idle] = await this.dataSource.query(
      `UPDATE enrichment_transaction SET updated_at = now()
        WHERE status = 'incomplete' AND updated_at < now() - make_interval(secs => $1)
          AND received > enriched + not_found + failed
        RETURNING id, account_id`,
      [idleSeconds],
    );
    let queued = 0;
    for (const t of idle as { id: string; account_id: string }[]) {
      const pending = await AccountScope.of(this.dataSource, t.account_id).query<{ id: string }>(
        `SELECT r.id::text AS id FROM enrichment_record r
          WHERE r.account_id = $1 AND r.transaction_id = $2 AND NOT EXISTS (SELECT 1 FROM enrichment_result x WHERE x.record_id = r.id)
          ORDER BY r.id`,
        [t.id],
      );
      await this.queueBatches(t.account_id, t.id, pending.map((r) => r.id));
      queued += pending.length;
    }
    return queued;
  }

  async get(scope: AccountScope, erid: string): Promise<EnrichmentTransaction> {
    const [row] = await scope.query<TransactionRow>(`SELECT ${COLUMNS} FROM enrichment_transaction WHERE account_id = $1 AND erid = $2`, [erid]);
    return row ? toTransaction(row) : inexistent(scope.accountId, erid);
  }

  async progress(scope: AccountScope, erid: string): Promise<EnrichmentProgress> {
    return progressOf(await this.get(scope, erid));
  }

  /** Transactions requested in [from, to), optionally of one status, newest first, keyset-paged. */
  async list(
    scope: AccountScope,
    filter: { from?: Date | null; to?: Date | null; status?: TransactionStatus | null },
    first?: number,
    after?: string,
  ): Promise<Page<EnrichmentTransaction>> {
    const size = pageSize(first, 50);
    const cursor = decodeCursor<string>(after);
    if (filter.status === "inexistent") return { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
    const params: unknown[] = [filter.from ?? null, filter.to ?? null, filter.status ?? null];
    const where = `account_id = $1 AND ($2::timestamptz IS NULL OR request_date >= $2) AND ($3::timestamptz IS NULL OR request_date < $3)
      AND ($4::text IS NULL OR status = $4)`;
    const keyset = cursor ? `AND (request_date, id) < ($5::timestamptz, $6::uuid)` : "";
    const [rows, [{ count }]] = await Promise.all([
      scope.query<TransactionRow>(
        `SELECT ${COLUMNS} FROM enrichment_transaction WHERE ${where} ${keyset} ORDER BY request_date DESC, id DESC LIMIT ${size + 1}`,
        cursor ? [...params, cursor.key, cursor.id] : params,
      ),
      scope.query<{ count: number }>(`SELECT count(*)::int AS count FROM enrichment_transaction WHERE ${where}`, params),
    ]);
    const edges = rows.slice(0, size).map((r) => ({ node: toTransaction(r), cursor: encodeCursor(r.request_date.toISOString(), r.id) }));
    return { edges, totalCount: count, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** A transaction's records in the order they arrived, keyset-paged. */
  async records(scope: AccountScope, transaction: EnrichmentTransaction, first?: number, after?: string): Promise<Page<EnrichmentRecord>> {
    const size = pageSize(first, 100);
    if (!transaction.id) return { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
    const cursor = decodeCursor<string>(after);
    const rows = await this.recordRows(scope, `r.transaction_id = $2 AND r.id > $3`, [transaction.id, cursor?.id ?? "0"], `LIMIT ${size + 1}`);
    const edges = rows.slice(0, size).map((node) => ({ node, cursor: encodeCursor(null, node.id) }));
    return { edges, totalCount: transaction.received, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * One numbered page of records, as the REST contract pages: of one transaction, or of every transaction
   * requested in [from, to). Status: the transaction's; across several, completed only when all are.
   */
  async recordPage(
    scope: AccountScope,
    query: { erid?: string; from?: Date; to?: Date; page: number; perPage: number },
  ): Promise<{ status: TransactionStatus; total: number; records: EnrichmentRecord[] }> {
    const params = [query.erid ?? null, query.from ?? null, query.to ?? null];
    const where = `account_id = $1 AND ($2::text IS NULL OR erid = $2) AND ($3::timestamptz IS NULL OR request_date >= $3)
      AND ($4::timestamptz IS NULL OR request_date < $4)`;
    const transactions = await scope.query<{ id: string; status: string; received: number }>(
      `SELECT id, status, received FROM enrichment_transaction WHERE ${where}`,
      params,
    );
    if (!transactions.length) return { status: "inexistent", total: 0, records: [] };
    const status = transactions.every((t) => t.status === "completed") ? "completed" : "incomplete";
    const total = transactions.reduce((sum, t) => sum + t.received, 0);
    const records = await this.recordRows(
      scope,
      `r.transaction_id = ANY($2::uuid[])`,
      [transactions.map((t) => t.id)],
      `OFFSET ${(query.page - 1) * query.perPage} LIMIT ${query.perPage}`,
    );
    return { status, total, records };
  }

  private async recordRows(scope: AccountScope, where: string, params: unknown[], limit: string): Promise<EnrichmentRecord[]> {
    const rows = await scope.query<{
      id: string;
      erid: string;
      fields: string[];
      key: string;
      status: EnrichmentRecord["status"];
      input: Record<string, unknown>;
      output: Record<string, string>;
      providers: Record<string, string>;
      error: string | null;
      finished_at: Date | null;
    }>(
      `SELECT r.id::text AS id, t.erid, t.fields, r.key, coalesce(x.status, 'pending') AS status, r.input,
              coalesce(x.output, '{}') AS output, coalesce(x.providers, '{}') AS providers, x.error, x.finished_at
         FROM enrichment_record r JOIN enrichment_transaction t ON t.id = r.transaction_id
         LEFT JOIN enrichment_result x ON x.record_id = r.id
        WHERE r.account_id = $1 AND ${where} ORDER BY r.id ${limit}`,
      params,
    );
    return rows.map((r) => ({ ...r, finishedAt: r.finished_at }));
  }

  waterfall(scope: AccountScope): Promise<Connection[]> {
    return this.providers.waterfallConnections(scope);
  }

  setWaterfall(scope: AccountScope, providerIds: string[]): Promise<Connection[]> {
    return this.providers.setWaterfall(scope, providerIds);
  }
}

export function progressOf(t: EnrichmentTransaction): EnrichmentProgress {
  return {
    accountId: t.accountId,
    erid: t.erid,
    status: t.status,
    numberOfRecords: t.numberOfRecords,
    received: t.received,
    enriched: t.enriched,
    notFound: t.notFound,
    failed: t.failed,
  };
}
