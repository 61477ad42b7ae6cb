import { DataSource } from "typeorm";
import { AccountScope, ScopedClient } from "../../db/account-scope";
import { Connection, Drift } from "../../entities/connection";
import { SyncRun } from "../../entities/sync-run";
import { ConnectorRegistry } from "../../connectors/registry";
import { ConnectorContext, ConnectorPlugin, SourceRecord } from "../../connectors/contract";
import { HttpClient, HttpClientOptions } from "../../connectors/http-client";
import { ConcurrencyLimits } from "../../connectors/concurrency";
import { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { PubSub, Topics } from "../../events/pubsub";
import { ConnectionService, SyncJob } from "../connections/connection-service";
import { ActivityService } from "../customers/activity-service";
import type { ActivityAttributes } from "../customers/activity-item";
import { AlertService } from "../alerts/alert-service";
import { syncRunsTotal, syncRunDuration } from "../../metrics";
import { versionId } from "./record-hash";
import type { EnrichmentPipelines } from "../enrichment/pipelines";
import type { CompanyDirectory, CrmAccount } from "../companies/company-directory";
import { deleteSyncRecords, diffPage, heldByFacet, heldIds, heldTotal, saveSyncRecords } from "./sync-records";

export interface Attempt {
  /** 0 for the first try. */
  retryCount: number;
  retryLimit: number;
}

/** Counters of one run, saved with every checkpoint. */
type Counts = Pick<SyncRun, "fetched" | "created" | "updated" | "deleted" | "unchanged" | "apiCalls" | "destinationApiCalls" | "bytes">;

interface Destination {
  plugin: ConnectorPlugin;
  ctx: ConnectorContext<unknown, unknown>;
  http: HttpClient;
}

/**
 * Executes one queued SyncRun, connector-agnostic:
 * 1. reads pages from the saved cursor; each page is diffed against `sync_record` (content hash per external
 *    id), only created and updated records are written (destination API first, then customers + sync_record +
 *    cursor in one transaction), so a run killed anywhere resumes from its last page and records written twice
 *    are harmless (writes are idempotent by id);
 * 2. reconciles when due (interval, or a drift seen): lists every source id and deletes what is gone;
 * 3. checks drift: source totals per facet against what the connection holds; a mismatch triggers a
 *    reconciliation and a re-read, and one that survives them opens a DRIFT alert.
 * A thrown error is rethrown so the queue retries; the last attempt marks the run FAILED with a readable error.
 */
export class SyncRunner {
  private readonly limits = new ConcurrencyLimits();

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ConnectorRegistry,
    private readonly connections: ConnectionService,
    private readonly activity: ActivityService,
    private readonly alerts: AlertService,
    private readonly pubsub: PubSub,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Retries and back-off of every outbound call a run makes (tests shorten the back-off). */
    private readonly httpOptions: HttpClientOptions = { retries: 6 },
    /** Runs of enrichment pipelines, which enrich instead of reading (see EnrichmentPipelines). */
    private readonly pipelines?: EnrichmentPipelines,
    /** Where records of kind "company" (CRM accounts) go. */
    private readonly companies?: CompanyDirectory,
  ) {}

  async run(job: SyncJob, attempt: Attempt, signal?: AbortSignal): Promise<void> {
    const scope = AccountScope.of(this.dataSource, job.accountId);
    const log = this.logger.child({ accountId: job.accountId, connectionId: job.connectionId, runId: job.runId });
    const run = await scope.findOne(SyncRun, { where: { id: job.runId } });
    if (!run || run.status === "SUCCEEDED" || run.status === "FAILED") return; // already settled: a duplicate delivery
    const connection = await scope.findOne(Connection, { where: { id: job.connectionId } });
    if (!connection) return; // deleted meanwhile; its runs went with it

    const startedAt = this.clock.now();
    await this.save(scope, run, { status: "RUNNING", startedAt, attempts: run.attempts + 1, error: null });
    const source = new HttpClient({ ...this.httpOptions, signal });
    let destination: Destination | undefined;
    const { fetched, created, updated, deleted, unchanged, apiCalls, destinationApiCalls, bytes } = run;
    const counts: Counts = { fetched, created, updated, deleted, unchanged, apiCalls, destinationApiCalls, bytes };
    const tally = () => {
      counts.apiCalls = run.apiCalls + source.apiCalls;
      counts.destinationApiCalls = run.destinationApiCalls + (destination?.http.apiCalls ?? 0);
      counts.bytes = run.bytes + source.bytes;
      return counts;
    };
    try {
      const plugin = this.registry.get(connection.kind);
      if (this.pipelines?.handles(connection.kind)) {
        const ctx = await this.contextFor(scope, connection, source);
        destination = await this.destinationFor(scope, connection, signal);
        Object.assign(counts, await this.pipelines.run(scope, connection, run.id, ctx as never, destination, signal));
        Object.assign(connection, await scope.update(Connection, connection.id, { syncedThrough: startedAt, consecutiveFailures: 0 }, "connection"));
        await this.save(scope, run, { status: "SUCCEEDED", finishedAt: this.clock.now(), ...tally() });
        await this.alerts.evaluateConnection(connection);
        syncRunsTotal.inc({ kind: connection.kind, status: "SUCCEEDED" });
        log.info({ ...counts }, "enrichment pipeline run succeeded");
        return;
      }
      if (!plugin.read) throw new Error(`connector kind ${connection.kind} cannot be read from`);
      const ctx = await this.contextFor(scope, connection, source);
      destination = await this.destinationFor(scope, connection, signal);

      const fromScratch = !connection.state.cursor;
      const seen = fromScratch ? new Set<string>() : undefined;
      const complete = await this.read(scope, run, connection, plugin, ctx, destination, counts, tally, seen);
      if (!complete) {
        // The source stopped early (its API quota): what was read is saved and the next run resumes; nothing is
        // inferred from a partial read, and no listing or count spends the calls that are left.
        await this.finishIncomplete(scope, run, connection, tally);
        log.info({ ...counts }, "sync run stopped early by the source; the next run resumes");
        return;
      }

      let reconciled = false; // deletions applied
      let listed = false; // from an id listing made after the read, which no change during the read can fool
      const reconcileDue =
        connection.reconcileRequested ||
        !connection.reconciledAt ||
        startedAt.getTime() - connection.reconciledAt.getTime() >= connection.reconcileIntervalSeconds * 1000;
      if (seen) {
        // A read from scratch listed every id there is: it doubles as the reconciliation.
        await this.applyDeletions(scope, connection, destination, seen, counts);
        reconciled = true;
      } else if (reconcileDue && plugin.listIds) {
        await this.reconcile(scope, connection, plugin, ctx, destination, counts);
        reconciled = listed = true;
      }

      let drift = await this.driftOf(scope, connection, plugin, ctx);
      if (drift && plugin.listIds) {
        // In sync is measured, not assumed: reconcile, catch up on changes made meanwhile, and look again.
        log.info({ drift }, "drift found, reconciling");
        if (!listed) await this.reconcile(scope, connection, plugin, ctx, destination, counts);
        reconciled = listed = true;
        await this.read(scope, run, connection, plugin, ctx, destination, counts, tally, undefined);
        drift = await this.driftOf(scope, connection, plugin, ctx, true);
      }

      const finishedAt = this.clock.now();
      Object.assign(
        connection,
        await scope.update(
          Connection,
          connection.id,
          {
            syncedThrough: startedAt,
            consecutiveFailures: 0,
            drift,
            ...(reconciled ? { reconciledAt: startedAt, reconcileRequested: false } : {}),
          },
          "connection",
        ),
      );
      await this.save(scope, run, { status: "SUCCEEDED", finishedAt, reconciled, drift, ...tally() });
      if (drift) {
        await this.alerts.open("DRIFT", driftReason(drift), connection.accountId, connection.id);
      } else {
        await this.alerts.resolve("DRIFT", connection.id);
      }
      await this.alerts.evaluateConnection(connection);
      syncRunsTotal.inc({ kind: connection.kind, status: "SUCCEEDED" });
      syncRunDuration.observe({ kind: connection.kind }, (finishedAt.getTime() - startedAt.getTime()) / 1000);
      log.info({ ...counts, reconciled }, "sync run succeeded");
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      const isFinal = attempt.retryCount >= attempt.retryLimit;
      await this.save(scope, run, {
        status: isFinal ? "FAILED" : "QUEUED",
        finishedAt: isFinal ? this.clock.now() : null,
        ...tally(),
        error: isFinal ? message : `attempt ${attempt.retryCount + 1} failed, will retry: ${message}`,
      });
      if (isFinal) {
        syncRunsTotal.inc({ kind: connection.kind, status: "FAILED" });
        Object.assign(
          connection,
          await scope.update(Connection, connection.id, { consecutiveFailures: connection.consecutiveFailures + 1 }, "connection"),
        );
        await this.alerts.evaluateConnection(connection);
      }
      log.warn({ err: error, attempt: attempt.retryCount + 1, isFinal }, "sync run failed");
      throw error;
    }
  }

  private async finishIncomplete(scope: AccountScope, run: SyncRun, connection: Connection, tally: () => Counts): Promise<void> {
    Object.assign(connection, await scope.update(Connection, connection.id, { consecutiveFailures: 0 }, "connection"));
    await this.save(scope, run, { status: "SUCCEEDED", finishedAt: this.clock.now(), error: "stopped early by the source's API quota; the next run resumes", ...tally() });
    await this.alerts.evaluateConnection(connection);
    syncRunsTotal.inc({ kind: connection.kind, status: "SUCCEEDED" });
  }

  /**
   * Pages from the saved cursor; every page is one checkpoint. `seen` collects ids when reading from scratch.
   * False when the source marked a page incomplete (it stopped early).
   */
  private async read(
    scope: AccountScope,
    run: SyncRun,
    connection: Connection,
    plugin: ConnectorPlugin,
    ctx: ConnectorContext<unknown, unknown>,
    destination: Destination | undefined,
    counts: Counts,
    tally: () => Counts,
    seen: Set<string> | undefined,
  ): Promise<boolean> {
    for await (const page of plugin.read!(ctx, (connection.state.cursor as Record<string, unknown>) ?? null)) {
      for (const r of page.records) seen?.add(r.id);
      const diff = await diffPage(scope, connection.id, page.records);
      const changed = [...diff.created, ...diff.updated];
      const people = await this.applyCompanies(scope, connection, changed);
      if (changed.length && destination) await destination.plugin.write!(destination.ctx, changed);
      counts.fetched += page.records.length;
      counts.created += diff.created.length;
      counts.updated += diff.updated.length;
      counts.unchanged += diff.unchanged;
      const state = { ...connection.state, cursor: page.cursor };
      const checkpoint = async (client: ScopedClient) => {
        // A crash may lose the last moments of commits, never half of one: the cursor rolls back with its
        // records, so the next run reads them again (and the destination's writes are idempotent).
        await client.exec("SET LOCAL synchronous_commit = off");
        const c = tally();
        await client.query(
          `WITH saved AS (UPDATE connection SET state = $11 WHERE account_id = $1 AND id = $12)
           UPDATE sync_run SET fetched = $2, created = $3, updated = $4, unchanged = $5, api_calls = $6,
                  destination_api_calls = $7, bytes = $8, checkpoint = $9
            WHERE account_id = $1 AND id = $10`,
          [c.fetched, c.created, c.updated, c.unchanged, c.apiCalls, c.destinationApiCalls, c.bytes, page.cursor, run.id, state, connection.id],
        );
      };
      const save = async (client: ScopedClient) => {
        await saveSyncRecords(client, connection.id, run.id, changed, diff.hashes);
        await checkpoint(client);
      };
      if (people.length) {
        const items = people.map((r) => toAttributeItem(r, diff.hashes.get(r.id)!, diff.previous.get(r.id), this.clock));
        await this.activity.applyAttributes(scope, items, save);
      } else {
        await scope.withClientTransaction(save);
      }
      connection.state = state;
      if (page.incomplete) return false;
    }
    return true;
  }

  /**
   * CRM accounts (records of kind "company") go to the company directory, keyed by the CRM id; the customers
   * left are linked to their company (`company_id`) when their `account_id` names one. Returns the customers.
   */
  private async applyCompanies(scope: AccountScope, connection: Connection, changed: SourceRecord[]): Promise<SourceRecord[]> {
    const companies = changed.filter((r) => r.kind === "company");
    const people = changed.filter((r) => r.kind !== "company");
    if (!this.companies) return people;
    if (companies.length) {
      const accounts: CrmAccount[] = companies.map((r) => ({
        crmId: r.id,
        name: text(r.data.name),
        website: text(r.data.website),
        employees: typeof r.data.employees === "number" ? r.data.employees : null,
        industry: text(r.data.industry),
        country: text(r.data.country),
        region: text(r.data.region),
        fields: r.data,
      }));
      await this.companies.upsertCrmAccounts(scope, connection.id, `crm:${connection.kind}`, accounts);
    }
    const crmIds = [...new Set(people.map((r) => text(r.data.account_id)).filter((id): id is string => !!id))];
    if (!crmIds.length) return people;
    const companyOf = await this.companies.companiesOfCrmIds(scope, connection.id, crmIds);
    return people.map((r) => {
      const company = companyOf.get(text(r.data.account_id) ?? "");
      return company ? { ...r, data: { ...r.data, company_id: company } } : r;
    });
  }

  /** Lists every id the source still has and deletes the rest (archived members are not listed). */
  private async reconcile(
    scope: AccountScope,
    connection: Connection,
    plugin: ConnectorPlugin,
    ctx: ConnectorContext<unknown, unknown>,
    destination: Destination | undefined,
    counts: Counts,
  ): Promise<void> {
    const present = new Set<string>();
    for await (const ids of plugin.listIds!(ctx)) for (const id of ids) present.add(id);
    await this.applyDeletions(scope, connection, destination, present, counts);
  }

  private async applyDeletions(
    scope: AccountScope,
    connection: Connection,
    destination: Destination | undefined,
    present: Set<string>,
    counts: Counts,
  ): Promise<void> {
    const gone = (await heldIds(scope, connection.id)).filter((id) => !present.has(id));
    if (!gone.length) return;
    if (destination?.plugin.remove) await destination.plugin.remove(destination.ctx, gone);
    await scope.withClientTransaction((client) => deleteSyncRecords(client, connection.id, gone));
    await this.companies?.removeCrmAccounts(scope, connection.id, gone);
    counts.deleted += gone.length;
  }

  /** Null when the source lists as many records as the connection holds (one cheap call when they agree). */
  private async driftOf(
    scope: AccountScope,
    connection: Connection,
    plugin: ConnectorPlugin,
    ctx: ConnectorContext<unknown, unknown>,
    detail = false,
  ): Promise<Drift | null> {
    if (!plugin.count) return null;
    const source = await plugin.count(ctx, detail);
    const held = await heldTotal(scope, connection.id);
    if (source.total === held) return null;
    return { source, held: { total: held, byFacet: detail ? (await heldByFacet(scope, [connection.id])).get(connection.id)! : {} } };
  }

  private async contextFor(scope: AccountScope, connection: Connection, http: HttpClient): Promise<ConnectorContext<unknown, unknown>> {
    const ctx = await this.connections.contextFor(scope, connection, http);
    const limit = this.registry.get(connection.kind).concurrency;
    if (limit) http.withLimiter(this.limits.get(`${connection.kind}:${limit.key(ctx.config, ctx.secret)}`, limit.max));
    return ctx;
  }

  private async destinationFor(scope: AccountScope, connection: Connection, signal?: AbortSignal): Promise<Destination | undefined> {
    if (!connection.destinationId) return undefined;
    const target = await scope.get(Connection, connection.destinationId, "destination connection");
    const plugin = this.registry.get(target.kind);
    if (!plugin.write) throw new Error(`destination ${target.name} (${target.kind}) cannot be written to`);
    const http = new HttpClient({ ...this.httpOptions, signal });
    return { plugin, http, ctx: await this.contextFor(scope, target, http) };
  }

  private async save(scope: AccountScope, run: SyncRun, patch: Partial<SyncRun>): Promise<void> {
    Object.assign(run, await scope.update(SyncRun, run.id, patch, "sync run"));
    this.pubsub.publish(Topics.SYNC_RUN_UPDATED, run);
  }
}

/**
 * A synced record as customer attributes, stamped with the source's change time so the customer store's
 * latest-timestamp-wins merge orders it against other sources. The event id names the version (`versionId`), so
 * writing the same version twice (a resumed run) archives it once.
 */
function toAttributeItem(record: SourceRecord, hash: string, previousHash: string | undefined, clock: Clock): ActivityAttributes {
  const changedMs = record.changedAt ? Date.parse(record.changedAt) : NaN;
  const data: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(record.data)) data[k] = v === null || v === undefined ? null : String(v);
  const timestamp = Math.floor((Number.isNaN(changedMs) ? clock.now().getTime() : changedMs) / 1000);
  return { kind: "attributes", eventId: versionId(timestamp, previousHash, hash), userId: record.id, data, timestamp };
}

const text = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

function driftReason(drift: Drift): string {
  const facets = Object.entries(drift.source.byFacet ?? {})
    .filter(([facet, n]) => (drift.held.byFacet[facet] ?? 0) !== n)
    .map(([facet, n]) => `${facet}: source ${n}, held ${drift.held.byFacet[facet] ?? 0}`);
  const detail = facets.length ? ` (${facets.join("; ")})` : "";
  return `the source lists ${drift.source.total} records, Conflux holds ${drift.held.total}, after a reconciliation${detail}`;
}
