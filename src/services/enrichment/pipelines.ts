import { setTimeout as sleep } from "node:timers/promises";
import type { AccountScope } from "../../db/account-scope";
import type { Connection } from "../../entities/connection";
import type { ConnectorContext, ConnectorPlugin, SourceRecord } from "../../connectors/contract";
import { enrichmentPipelinePlugin, PipelineConfig } from "../../connectors/enrichment-pipeline";
import type { EnrichmentService } from "./enrichment-service";

/** What a pipeline run did, in the counters of its sync run. */
export interface PipelineCounts {
  /** Contacts taken from the source. */
  fetched: number;
  /** Records enriched. */
  created: number;
  /** Records no provider could fill (not found or failed). */
  unchanged: number;
}

/** A connection's destination (record-api), ready to write to. */
export interface PipelineDestination {
  plugin: ConnectorPlugin;
  ctx: ConnectorContext<unknown, unknown>;
}

const POLL_MS = 500;

/**
 * Runs enrichment pipelines (connections of kind `enrichment-pipeline`) for the sync runner, which keeps their run
 * records, schedule, retries and alerts like any connection's. A run submits its contacts as the transaction
 * `pipeline-<run id>`, so a retried run resumes the same transaction instead of starting another, waits for it to
 * complete and hands the results to the destination.
 */
export class EnrichmentPipelines {
  constructor(private readonly enrichment: EnrichmentService) {}

  handles(kind: string): boolean {
    return kind === enrichmentPipelinePlugin.kind;
  }

  async run(
    scope: AccountScope,
    connection: Connection,
    runId: string,
    ctx: ConnectorContext<PipelineConfig, unknown>,
    destination: PipelineDestination | undefined,
    signal?: AbortSignal,
  ): Promise<PipelineCounts> {
    const config = ctx.config;
    const erid = `pipeline-${runId}`;
    let tx = await this.enrichment.get(scope, erid);
    let fetched = tx.received;
    if (tx.status === "inexistent") {
      const contacts = await this.contacts(scope, config, ctx);
      fetched = contacts.length;
      if (!contacts.length) return { fetched: 0, created: 0, unchanged: 0 };
      const input = { erid, contacts, fields: config.fields, numberOfRecords: contacts.length, writeBack: config.writeBack };
      tx = (await this.enrichment.submit(scope, input, undefined, connection.id)).transaction;
    }
    const deadline = Date.now() + config.waitSeconds * 1000;
    while (tx.status !== "completed") {
      if (Date.now() > deadline) throw new Error(`transaction ${erid} did not complete within ${config.waitSeconds} s (the next attempt waits again)`);
      await sleep(POLL_MS, undefined, { signal });
      tx = await this.enrichment.get(scope, erid);
    }
    if (destination) {
      for (let after: string | undefined, more = true; more; ) {
        const page = await this.enrichment.records(scope, tx, 500, after);
        const records: SourceRecord[] = page.edges
          .filter((e) => e.node.status === "enriched")
          .map((e) => ({ id: String(e.node.input.record_id ?? e.node.input.customer_id ?? e.node.key), data: { ...e.node.input, ...e.node.output } }));
        if (records.length) await destination.plugin.write!(destination.ctx, records);
        after = page.pageInfo.endCursor ?? undefined;
        more = page.pageInfo.hasNextPage;
      }
    }
    return { fetched, created: tx.enriched, unchanged: tx.notFound + tx.failed };
  }

  private async contacts(scope: AccountScope, config: PipelineConfig, ctx: ConnectorContext<PipelineConfig, unknown>): Promise<Record<string, unknown>[]> {
    const source = config.source;
    if (source.kind === "records-url") {
      const contacts: Record<string, unknown>[] = [];
      for await (const page of enrichmentPipelinePlugin.read!(ctx as never, null)) contacts.push(...page.records.map((r) => ({ record_id: r.id, ...r.data })));
      return contacts;
    }
    const rows = await scope.query<{ id: string; attributes: Record<string, string> }>(
      `SELECT id, attributes FROM customer WHERE account_id = $1 AND NOT (attributes ? $2) ORDER BY id LIMIT $3`,
      [source.attribute ?? config.fields[0], source.limit],
    );
    return rows.map(({ id, attributes: a }) => ({
      record_id: id,
      customer_id: id,
      first_name: a.first_name ?? a.firstName,
      last_name: a.last_name ?? a.lastName,
      email: a.email,
      company_name: a.company_name ?? a.company,
      company_domain: a.company_domain,
    }));
  }
}
