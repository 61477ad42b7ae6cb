import DataLoader from "dataloader";
import { In } from "typeorm";
import { AccountScope } from "./db/account-scope";
import { Connection } from "./entities/connection";
import { SyncRun } from "./entities/sync-run";
import type { Services } from "./services/services";
import type { InfluencerStats, LatestReading, MetricBucket, MetricInterval } from "./services/influencers/influencer-service";

/** Request-scoped DataLoaders, one per relation, all bound to the caller's account. */
export function createLoaders(scope: AccountScope, services: Services) {
  return {
    connectionById: new DataLoader<string, Connection | null>(async (ids) => {
      const rows = await scope.find(Connection, { where: { id: In([...ids]) } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),

    /** The latest runs per connection (up to 50), newest first; callers slice what they show. */
    recentRunsByConnection: new DataLoader<string, SyncRun[]>(async (ids) => {
      const rows = await scope.query<{ id: string }>(
        `SELECT id FROM (
           SELECT id, row_number() OVER (PARTITION BY connection_id ORDER BY queued_at DESC) AS n
             FROM sync_run WHERE account_id = $1 AND connection_id = ANY($2::uuid[])) r
          WHERE n <= 50`,
        [[...ids]],
      );
      const runs = await scope.find(SyncRun, { where: { id: In(rows.map((r) => r.id)) }, order: { queuedAt: "DESC" } });
      return ids.map((id) => runs.filter((r) => r.connectionId === id));
    }),

    lastFinishedRunByConnection: new DataLoader<string, SyncRun | undefined>(async (ids) => {
      const rows = await scope.query<{ id: string }>(
        `SELECT DISTINCT ON (connection_id) id FROM sync_run
          WHERE account_id = $1 AND connection_id = ANY($2::uuid[]) AND status IN ('SUCCEEDED', 'FAILED')
          ORDER BY connection_id, finished_at DESC`,
        [[...ids]],
      );
      const runs = await scope.find(SyncRun, { where: { id: In(rows.map((r) => r.id)) } });
      return ids.map((id) => runs.find((r) => r.connectionId === id));
    }),

    /** Records held per facet, per connection: one query for a whole page of connections. */
    syncedRecordsByConnection: new DataLoader<string, Record<string, number>>(async (ids) => {
      const held = await services.connections.syncedRecords(scope, ids);
      return ids.map((id) => held.get(id) ?? {});
    }),

    /**
     * An influencer's series over one range: keys are `id|from|to|interval`, and a page of influencers asking the
     * same range is one query.
     */
    metricsByInfluencer: new DataLoader<string, MetricBucket[]>(async (keys) => {
      const groups = new Map<string, string[]>();
      for (const key of keys) {
        const [id, ...range] = key.split("|");
        const group = range.join("|");
        groups.set(group, [...(groups.get(group) ?? []), id]);
      }
      const results = new Map<string, MetricBucket[]>();
      for (const [group, ids] of groups) {
        const [from, to, interval] = group.split("|");
        const series = await services.influencers.metrics(scope, ids, new Date(Number(from)), new Date(Number(to)), interval as MetricInterval);
        for (const [id, buckets] of series) results.set(`${id}|${group}`, buckets);
      }
      return keys.map((key) => results.get(key) ?? []);
    }),

    /** Each influencer's newest reading: one query for a whole page. */
    latestByInfluencer: new DataLoader<string, LatestReading | null>(async (ids) => {
      const latest = await services.influencers.latest(scope, ids);
      return ids.map((id) => latest.get(id) ?? null);
    }),

    /** The account's influencer figures (rank snapshot, average), once per request. */
    influencerStats: new DataLoader<string, InfluencerStats>(async (keys) => {
      const stats = await services.influencers.stats(scope);
      return keys.map(() => stats);
    }),

    /** name → distinct count per customer: one query for a whole page of customers. */
    eventCountsByCustomer: new DataLoader<string, Record<string, number>>(async (ids) => {
      const counts = await services.customers.eventCounts(scope, ids);
      return ids.map((id) => counts.get(id) ?? {});
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
