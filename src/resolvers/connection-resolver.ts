import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { RequestContext, loadersOf, scopeOf } from "../context";
import {
  ConnectionHealthEnum,
  ConnectionPage,
  ConnectionType,
  ConnectorKindType,
  RegisterConnectionArgs,
  SyncRunType,
  SyncedRecords,
  TestConnectionResult,
  UpdateConnectionArgs,
} from "../schema/connection-types";
import { Connection } from "../entities/connection";
import { SyncRun } from "../entities/sync-run";
import { capabilitiesOf } from "../connectors/contract";
import { Topics } from "../events/pubsub";

@Resolver(() => ConnectionType)
export class ConnectionResolver {
  @Authorized()
  @Query(() => [ConnectorKindType])
  connectorKinds(@Ctx() ctx: RequestContext): ConnectorKindType[] {
    const registry = ctx.services.registry;
    return registry.list().map((p) => ({
      kind: p.kind,
      displayName: p.displayName,
      description: p.description,
      capabilities: capabilitiesOf(p),
      configSchema: registry.configJsonSchema(p.kind),
      secretSchema: registry.secretJsonSchema(p.kind),
    }));
  }

  @Authorized()
  @Query(() => ConnectionPage)
  connections(
    @Arg("first", () => Int, { nullable: true }) first: number | undefined,
    @Arg("after", () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.connections.page(scopeOf(ctx), first, after);
  }

  @Authorized()
  @Query(() => ConnectionType)
  connection(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.connections.get(scopeOf(ctx), id);
  }

  @Authorized("ADMIN")
  @Mutation(() => ConnectionType)
  registerConnection(@Args() args: RegisterConnectionArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.connections.register(scopeOf(ctx), { ...args, lagThresholdSeconds: args.lagThreshold });
  }

  @Authorized("ADMIN")
  @Mutation(() => ConnectionType)
  updateConnection(@Args() { id, lagThreshold, ...patch }: UpdateConnectionArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.connections.update(scopeOf(ctx), id, { ...patch, lagThresholdSeconds: lagThreshold });
  }

  @Authorized("ADMIN")
  @Mutation(() => ConnectionType)
  deleteConnection(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.connections.delete(scopeOf(ctx), id);
  }

  @Authorized("ADMIN")
  @Mutation(() => TestConnectionResult)
  testConnection(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.connections.test(scopeOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => SyncRunType, { description: "Queues a run, or returns the one already queued or running" })
  triggerSync(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.connections.triggerSync(scopeOf(ctx), id);
  }

  @FieldResolver(() => [SyncRunType])
  async runs(
    @Root() connection: Connection,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: RequestContext,
  ) {
    const runs = await loadersOf(ctx).recentRunsByConnection.load(connection.id);
    return runs.slice(0, Math.max(0, first));
  }

  @FieldResolver(() => SyncRunType, { nullable: true })
  async lastRun(@Root() connection: Connection, @Ctx() ctx: RequestContext) {
    return (await loadersOf(ctx).recentRunsByConnection.load(connection.id))[0] ?? null;
  }

  @FieldResolver(() => ConnectionHealthEnum)
  async health(@Root() connection: Connection, @Ctx() ctx: RequestContext) {
    const last = await loadersOf(ctx).lastFinishedRunByConnection.load(connection.id);
    return ctx.services.connections.healthOf(connection, last);
  }

  @FieldResolver(() => SyncedRecords, { description: "Records the connection holds, with their freshness" })
  async syncedRecords(@Root() connection: Connection, @Ctx() ctx: RequestContext): Promise<SyncedRecords> {
    const { connections } = ctx.services;
    const [byFacet, last] = await Promise.all([
      loadersOf(ctx).syncedRecordsByConnection.load(connection.id),
      loadersOf(ctx).lastFinishedRunByConnection.load(connection.id),
    ]);
    return {
      count: Object.values(byFacet).reduce((sum, n) => sum + n, 0),
      byFacet: Object.entries(byFacet).map(([facet, count]) => ({ facet, count })),
      freshness: {
        syncedThrough: connection.syncedThrough,
        lagSeconds: connections.lagSecondsOf(connection),
        health: connections.healthOf(connection, last),
      },
    };
  }

  @FieldResolver(() => Int, { description: "Seconds since syncedThrough (or since creation, never synced)" })
  lagSeconds(@Root() connection: Connection, @Ctx() ctx: RequestContext) {
    return ctx.services.connections.lagSecondsOf(connection);
  }

  @Authorized()
  @Subscription(() => SyncRunType, {
    topics: Topics.SYNC_RUN_UPDATED,
    filter: ({ payload, args, context }: { payload: SyncRun; args: { connectionId?: string }; context: RequestContext }) =>
      payload.accountId === context.caller?.accountId && (!args.connectionId || payload.connectionId === args.connectionId),
    description: "Every status change of the caller's sync runs, optionally of one connection",
  })
  syncRunUpdated(
    @Root() payload: SyncRun,
    @Arg("connectionId", () => ID, { nullable: true }) _connectionId?: string,
  ): SyncRun {
    return reviveDates(payload, ["queuedAt", "startedAt", "finishedAt"]);
  }
}

/** Events that crossed processes as JSON carry dates as strings. */
function reviveDates<T extends object>(payload: T, keys: (keyof T)[]): T {
  const copy = { ...payload };
  for (const k of keys) if (typeof copy[k] === "string") copy[k] = new Date(copy[k] as string) as T[keyof T];
  return copy;
}

@Resolver(() => SyncRunType)
export class SyncRunResolver {
  @FieldResolver(() => Int, { nullable: true, description: "Milliseconds from start to finish of the last attempt" })
  durationMs(@Root() run: SyncRun): number | null {
    return run.startedAt && run.finishedAt ? new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime() : null;
  }

  @FieldResolver(() => ConnectionType, { nullable: true })
  connection(@Root() run: SyncRun, @Ctx() ctx: RequestContext) {
    return loadersOf(ctx).connectionById.load(run.connectionId);
  }
}
