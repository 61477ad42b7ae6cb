import { DataSource } from "typeorm";
import { AccountScope } from "../../db/account-scope";
import { Connection } from "../../entities/connection";
import { SyncRun } from "../../entities/sync-run";
import { ConnectorRegistry } from "../../connectors/registry";
import { HttpClient } from "../../connectors/http-client";
import { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { PubSub, Topics } from "../../events/pubsub";
import { ConnectionService, SyncJob } from "../connections/connection-service";
import { syncRunsTotal, syncRunDuration } from "../../metrics";

export interface Attempt {
  /** 0 for the first try. */
  retryCount: number;
  retryLimit: number;
}

/**
 * Executes one queued SyncRun: reads the connector from the saved cursor, checkpoints after each page and
 * records the outcome. A thrown error is rethrown so the queue retries; the last attempt marks the run FAILED
 * with the error a person can read.
 */
export class SyncRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ConnectorRegistry,
    private readonly connections: ConnectionService,
    private readonly pubsub: PubSub,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async run(job: SyncJob, attempt: Attempt): Promise<void> {
    const scope = AccountScope.of(this.dataSource, job.accountId);
    const log = this.logger.child({ accountId: job.accountId, connectionId: job.connectionId, runId: job.runId });
    const run = await scope.findOne(SyncRun, { where: { id: job.runId } });
    if (!run || run.status === "SUCCEEDED" || run.status === "FAILED") return; // already settled: a duplicate delivery
    const connection = await scope.findOne(Connection, { where: { id: job.connectionId } });
    if (!connection) return; // deleted meanwhile; its runs went with it

    const startedAt = this.clock.now();
    await this.save(scope, run, { status: "RUNNING", startedAt, attempts: run.attempts + 1, error: null });
    const http = new HttpClient();
    try {
      const plugin = this.registry.get(connection.kind);
      if (!plugin.read) throw new Error(`connector kind ${connection.kind} cannot be read from`);
      const ctx = await this.connections.contextFor(scope, connection, http);
      let fetched = run.fetched;
      for await (const page of plugin.read(ctx, (connection.state.cursor as Record<string, unknown>) ?? null)) {
        fetched += page.records.length;
        await scope.transaction(async (tx) => {
          await tx.update(Connection, connection.id, { state: { ...connection.state, cursor: page.cursor } }, "connection");
          await tx.update(SyncRun, run.id, { fetched, apiCalls: http.apiCalls, checkpoint: page.cursor }, "sync run");
        });
        connection.state = { ...connection.state, cursor: page.cursor };
      }
      const finishedAt = this.clock.now();
      await scope.update(Connection, connection.id, { syncedThrough: startedAt }, "connection");
      await this.save(scope, run, { status: "SUCCEEDED", finishedAt, fetched, apiCalls: http.apiCalls });
      syncRunsTotal.inc({ kind: connection.kind, status: "SUCCEEDED" });
      syncRunDuration.observe({ kind: connection.kind }, (finishedAt.getTime() - startedAt.getTime()) / 1000);
      log.info({ fetched, apiCalls: http.apiCalls }, "sync run succeeded");
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      const isFinal = attempt.retryCount >= attempt.retryLimit;
      await this.save(scope, run, {
        status: isFinal ? "FAILED" : "QUEUED",
        finishedAt: isFinal ? this.clock.now() : null,
        apiCalls: http.apiCalls,
        error: isFinal ? message : `attempt ${attempt.retryCount + 1} failed, will retry: ${message}`,
      });
      if (isFinal) syncRunsTotal.inc({ kind: connection.kind, status: "FAILED" });
      log.warn({ err: error, attempt: attempt.retryCount + 1, isFinal }, "sync run failed");
      throw error;
    }
  }

  private async save(scope: AccountScope, run: SyncRun, patch: Partial<SyncRun>): Promise<void> {
    Object.assign(run, await scope.update(SyncRun, run.id, patch, "sync run"));
    this.pubsub.publish(Topics.SYNC_RUN_UPDATED, run);
  }
}
