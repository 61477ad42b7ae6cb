import { z } from "zod";
import { DataSource, Equal, In, MoreThan, QueryFailedError } from "typeorm";
import { decodeCursor, encodeCursor, Page, pageSize } from "../../db/keyset";
import { AccountScope } from "../../db/account-scope";
import { Connection } from "../../entities/connection";
import { SyncRun, SyncTrigger } from "../../entities/sync-run";
import { ConnectorRegistry } from "../../connectors/registry";
import { ConnectorContext, TestResult } from "../../connectors/contract";
import { HttpClient } from "../../connectors/http-client";
import { ConflictError, ValidationError } from "../../errors";
import { SecretBox } from "../secrets/secret-box";
import { Clock } from "../../clock";
import { JobQueue, Queues } from "../../jobs/queue";
import { nextFireAfter, parseSchedule } from "./schedule";
import { healthOf, lagSecondsOf, ConnectionHealth } from "./connection-health";
import { PubSub, Topics } from "../../events/pubsub";
import { heldByFacet } from "../sync/sync-records";

export interface ConnectionInput {
  kind: string;
  name: string;
  config: unknown;
  secret?: unknown;
  schedule?: string | null;
  lagThresholdSeconds?: number;
  /** A connection of this account whose plugin writes (record-api): synced records go there too. */
  destinationId?: string | null;
  reconcileIntervalSeconds?: number;
  alertGraceSeconds?: number;
  failuresBeforeAlert?: number;
}

export interface ConnectionPatch {
  name?: string;
  config?: unknown;
  secret?: unknown;
  schedule?: string | null;
  lagThresholdSeconds?: number;
  paused?: boolean;
  destinationId?: string | null;
  reconcileIntervalSeconds?: number;
  alertGraceSeconds?: number;
  failuresBeforeAlert?: number;
}

/** A connection the scheduler claimed as due. */
export interface DueConnection {
  id: string;
  accountId: string;
}

export interface SyncJob {
  runId: string;
  accountId: string;
  connectionId: string;
}

/** Registering, changing and triggering connections. Config and secrets are validated by the plugin's zod schemas. */
export class ConnectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ConnectorRegistry,
    private readonly secrets: SecretBox,
    private readonly queue: JobQueue,
    private readonly pubsub: PubSub,
    private readonly clock: Clock,
  ) {}

  list(scope: AccountScope): Promise<Connection[]> {
    return scope.find(Connection, { order: { createdAt: "ASC" } });
  }

  /** Keyset-paged by (createdAt, id). */
  async page(scope: AccountScope, first?: number, after?: string): Promise<Page<Connection>> {
    const size = pageSize(first, 50);
    const cursor = decodeCursor<string>(after);
    const where = cursor
      ? [
          { createdAt: MoreThan(new Date(cursor.key)) },
          { createdAt: Equal(new Date(cursor.key)), id: MoreThan(cursor.id) },
        ]
      : {};
    const [rows, totalCount] = await Promise.all([
      scope.find(Connection, { where, order: { createdAt: "ASC", id: "ASC" }, take: size + 1 }),
      scope.count(Connection),
    ]);
    const edges = rows.slice(0, size).map((node) => ({ node, cursor: encodeCursor(node.createdAt.toISOString(), node.id) }));
    return { edges, totalCount, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  get(scope: AccountScope, id: string): Promise<Connection> {
    return scope.get(Connection, id, "connection");
  }

  async register(scope: AccountScope, input: ConnectionInput): Promise<Connection> {
    const plugin = this.registry.get(input.kind);
    const config = validate(plugin.configSchema, input.config, "config");
    const secret = validate(plugin.secretSchema, input.secret ?? {}, "secret");
    const schedule = parseSchedule(input.schedule);
    const name = input.name.trim();
    if (!name) throw new ValidationError("name must not be empty", { field: "name" });
    if (await scope.findOne(Connection, { where: { name } })) throw new ConflictError(`connection ${name} already exists`);
    return scope.create(Connection, {
      kind: plugin.kind,
      name,
      config: config as Record<string, unknown>,
      secretEncrypted: this.secrets.encrypt(secret),
      schedule,
      lagThresholdSeconds: input.lagThresholdSeconds ?? 7200,
      nextSyncAt: schedule ? nextFireAfter(schedule, this.clock.now()) : null,
      destinationId: await this.destinationOf(scope, input.destinationId, null),
      ...(input.reconcileIntervalSeconds !== undefined ? { reconcileIntervalSeconds: input.reconcileIntervalSeconds } : {}),
      ...(input.alertGraceSeconds !== undefined ? { alertGraceSeconds: input.alertGraceSeconds } : {}),
      ...(input.failuresBeforeAlert !== undefined ? { failuresBeforeAlert: input.failuresBeforeAlert } : {}),
    });
  }

  async update(scope: AccountScope, id: string, patch: ConnectionPatch): Promise<Connection> {
    const current = await this.get(scope, id);
    const plugin = this.registry.get(current.kind);
    const changes: Partial<Connection> = {};
    if (patch.name !== undefined) {
      const name = patch.name.trim();
      if (!name) throw new ValidationError("name must not be empty", { field: "name" });
      const clash = await scope.findOne(Connection, { where: { name } });
      if (clash && clash.id !== id) throw new ConflictError(`connection ${name} already exists`);
      changes.name = name;
    }
    if (patch.config !== undefined) changes.config = validate(plugin.configSchema, patch.config, "config") as Record<string, unknown>;
    if (patch.secret !== undefined) changes.secretEncrypted = this.secrets.encrypt(validate(plugin.secretSchema, patch.secret, "secret"));
    if (patch.schedule !== undefined) {
      changes.schedule = parseSchedule(patch.schedule);
      changes.nextSyncAt = changes.schedule ? nextFireAfter(changes.schedule, this.clock.now()) : null;
    }
    if (patch.lagThresholdSeconds !== undefined) changes.lagThresholdSeconds = patch.lagThresholdSeconds;
    if (patch.paused !== undefined) changes.paused = patch.paused;
    if (patch.destinationId !== undefined) changes.destinationId = await this.destinationOf(scope, patch.destinationId, id);
    if (patch.reconcileIntervalSeconds !== undefined) changes.reconcileIntervalSeconds = patch.reconcileIntervalSeconds;
    if (patch.alertGraceSeconds !== undefined) changes.alertGraceSeconds = patch.alertGraceSeconds;
    if (patch.failuresBeforeAlert !== undefined) changes.failuresBeforeAlert = patch.failuresBeforeAlert;
    return scope.update(Connection, id, changes, "connection");
  }

  async delete(scope: AccountScope, id: string): Promise<Connection> {
    const connection = await this.get(scope, id);
    await scope.delete(Connection, id, "connection");
    return connection;
  }

  async test(scope: AccountScope, id: string): Promise<TestResult> {
    const connection = await this.get(scope, id);
    const ctx = await this.contextFor(scope, connection, new HttpClient({ retries: 0, timeoutMs: 10_000 }));
    try {
      return await this.registry.get(connection.kind).test(ctx);
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  /** What a plugin call needs: validated config, decrypted secret, and the run's HTTP client. */
  async contextFor(scope: AccountScope, connection: Connection, http: HttpClient): Promise<ConnectorContext<unknown, unknown>> {
    const row = await scope.findOne(Connection, {
      where: { id: connection.id },
      select: { id: true, secretEncrypted: true } as never,
    });
    const plugin = this.registry.get(connection.kind);
    const secret = row?.secretEncrypted ? this.secrets.decrypt(row.secretEncrypted) : {};
    return { config: plugin.configSchema.parse(connection.config), secret: plugin.secretSchema.parse(secret), http };
  }

  /**
   * Queues a sync run unless one is already queued or running for this connection, in which case that run is
   * returned: triggering twice never runs a connection twice at once (a partial unique index enforces it).
   */
  async triggerSync(scope: AccountScope, id: string, trigger: SyncTrigger = "MANUAL", startAfterSeconds = 0): Promise<SyncRun> {
    const connection = await this.get(scope, id);
    const active = await this.activeRun(scope, connection.id);
    if (active) return active;
    let run: SyncRun;
    try {
      run = await scope.create(SyncRun, { connectionId: connection.id, trigger, status: "QUEUED", queuedAt: this.clock.now() });
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === "23505") {
        const raced = await this.activeRun(scope, connection.id);
        if (raced) return raced;
      }
      throw error;
    }
    const job: SyncJob = { runId: run.id, accountId: scope.accountId, connectionId: connection.id };
    await this.queue.send(Queues.CONNECTION_SYNC, job, { singletonKey: run.id, startAfter: startAfterSeconds || undefined });
    this.pubsub.publish(Topics.SYNC_RUN_UPDATED, run);
    return run;
  }

  /**
   * Queues a SCHEDULE run for each claimed connection (of any account: the scheduler's claim is platform-wide)
   * that has no active run, in one insert for the runs and one for their jobs, each job starting after its own
   * random jitter. A connection that already has an active run is skipped (the one-active-run index). Runs whose
   * job insert fails stay QUEUED until the scheduler fails them as lost, so nothing is queued silently twice.
   */
  async queueScheduledRuns(due: readonly DueConnection[], jitterSeconds: number): Promise<SyncRun[]> {
    if (!due.length) return [];
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO sync_run (account_id, connection_id, trigger, status, queued_at)
       SELECT d.account_id, d.id, 'SCHEDULE', 'QUEUED', $3 FROM unnest($1::uuid[], $2::uuid[]) AS d(id, account_id)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [due.map((d) => d.id), due.map((d) => d.accountId), this.clock.now()],
    );
    if (!inserted.length) return [];
    const runs = await this.dataSource.getRepository(SyncRun).findBy({ id: In(inserted.map((r) => r.id)) });
    await this.queue.sendMany(
      Queues.CONNECTION_SYNC,
      runs.map((run) => ({
        data: { runId: run.id, accountId: run.accountId, connectionId: run.connectionId } satisfies SyncJob,
        singletonKey: run.id,
        startAfterSeconds: Math.floor(Math.random() * (jitterSeconds + 1)),
      })),
    );
    for (const run of runs) this.pubsub.publish(Topics.SYNC_RUN_UPDATED, run);
    return runs;
  }

  runs(scope: AccountScope, connectionId: string, limit = 20): Promise<SyncRun[]> {
    return scope.find(SyncRun, { where: { connectionId }, order: { queuedAt: "DESC" }, take: limit });
  }

  healthOf(connection: Connection, lastFinishedRun: SyncRun | undefined): ConnectionHealth {
    return healthOf(connection, lastFinishedRun, this.clock.now());
  }

  lagSecondsOf(connection: Connection): number {
    return lagSecondsOf(connection, this.clock.now());
  }

  /** A destination must be another connection of the same account whose plugin can write. */
  private async destinationOf(scope: AccountScope, destinationId: string | null | undefined, selfId: string | null): Promise<string | null> {
    if (!destinationId) return null;
    if (destinationId === selfId) throw new ValidationError("destinationId: a connection cannot be its own destination", { field: "destinationId" });
    const target = await scope.findOne(Connection, { where: { id: destinationId } });
    if (!target) throw new ValidationError("destinationId: no such connection in this account", { field: "destinationId" });
    if (!this.registry.get(target.kind).write) {
      throw new ValidationError(`destinationId: ${target.kind} connections cannot be written to`, { field: "destinationId" });
    }
    return target.id;
  }

  /** Records each connection holds, per facet (the DataLoader's batch). */
  syncedRecords(scope: AccountScope, connectionIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
    return heldByFacet(scope, connectionIds);
  }

  private activeRun(scope: AccountScope, connectionId: string): Promise<SyncRun | null> {
    return scope.findOne(SyncRun, { where: { connectionId, status: In(["QUEUED", "RUNNING"]) } });
  }
}

/** Parses with a plugin schema; failures become BAD_USER_INPUT naming the field path. */
function validate<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [root, ...issue.path.map(String)].join(".");
  throw new ValidationError(`${field}: ${issue.message}`, {
    field,
    issues: parsed.error.issues.map((i) => ({ path: [root, ...i.path.map(String)].join("."), message: i.message })),
  });
}
