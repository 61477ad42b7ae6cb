import type { DataSource } from "typeorm";

/** One reading of one influencer for one slot. */
export interface Reading {
  influencerId: string;
  /** The slot it fills (ms since epoch): readings are idempotent per (influencer, slot). */
  slot: number;
  followerCount: number;
  followingCount: number;
  /** When Conflux read it (the source stamps nothing). */
  readAt: number;
  username: string;
}

/** A slot with no reading, and why. */
export interface Gap {
  influencerId: string;
  slot: number;
  reason: string;
}

const DAY_MS = 86_400_000;

/** Rollup upsert of the rows just inserted (`ins`), at one grain; the last value is the one with the latest ts. */
function rollup(grain: "hourly" | "daily"): string {
  const unit = grain === "hourly" ? "hour" : "day";
  const t = `influencer_metric_${grain}`;
  const last = (column: string) => `CASE WHEN excluded.last_ts >= ${t}.last_ts THEN excluded.${column} ELSE ${t}.${column} END`;
  return `
    INSERT INTO ${t} AS ${t} (influencer_id, bucket, n, follower_min, follower_max, follower_sum, follower_last,
                      following_min, following_max, following_sum, following_last, ratio_n, ratio_min, ratio_max, ratio_sum,
                      ratio_last, last_ts)
    SELECT influencer_id, date_trunc('${unit}', ts, 'UTC'), count(*), min(follower_count), max(follower_count), sum(follower_count),
           (array_agg(follower_count ORDER BY ts DESC))[1], min(following_count), max(following_count), sum(following_count),
           (array_agg(following_count ORDER BY ts DESC))[1], count(ratio), min(ratio), max(ratio), coalesce(sum(ratio), 0),
           (array_agg(ratio ORDER BY ts DESC))[1], max(ts)
      FROM ins GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (influencer_id, bucket) DO UPDATE SET
      n = ${t}.n + excluded.n,
      follower_min = least(${t}.follower_min, excluded.follower_min), follower_max = greatest(${t}.follower_max, excluded.follower_max),
      follower_sum = ${t}.follower_sum + excluded.follower_sum, follower_last = ${last("follower_last")},
      following_min = least(${t}.following_min, excluded.following_min),
      following_max = greatest(${t}.following_max, excluded.following_max),
      following_sum = ${t}.following_sum + excluded.following_sum, following_last = ${last("following_last")},
      ratio_n = ${t}.ratio_n + excluded.ratio_n,
      ratio_min = least(${t}.ratio_min, excluded.ratio_min), ratio_max = greatest(${t}.ratio_max, excluded.ratio_max),
      ratio_sum = ${t}.ratio_sum + excluded.ratio_sum, ratio_last = ${last("ratio_last")},
      last_ts = greatest(${t}.last_ts, excluded.last_ts)`;
}

/**
 * Writes of the influencer series. Platform-level (the poller serves every account): rows are addressed by
 * influencer id, which the poller got from a claim, never from a caller.
 */
export class MetricStore {
  private readonly partitions = new Set<number>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * A batch of readings in one statement: the series (a slot already filled is left as it is, so a retried or
   * duplicated write changes nothing), both rollups from exactly the rows that were new, and each influencer's
   * latest reading, cleared error and username. Returns how many readings were new.
   */
  async write(readings: Reading[]): Promise<number> {
    if (!readings.length) return 0;
    await this.ensurePartitions(readings.map((r) => r.slot));
    const json = JSON.stringify(
      readings.map((r) => ({ id: r.influencerId, ts: new Date(r.slot).toISOString(), f: r.followerCount, g: r.followingCount, r: new Date(r.readAt).toISOString(), u: r.username })),
    );
    const rows: { n: number }[] = await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($1::json) AS x(id bigint, ts timestamptz, f bigint, g bigint, r timestamptz, u text)),
       ins AS (
         INSERT INTO influencer_metric (influencer_id, ts, follower_count, following_count, read_at)
         SELECT id, ts, f, g, r FROM input ORDER BY id, ts
         ON CONFLICT (influencer_id, ts) DO NOTHING
         RETURNING influencer_id, ts, follower_count, following_count,
                   follower_count::float8 / nullif(following_count, 0) AS ratio),
       hourly AS (${rollup("hourly")}),
       daily AS (${rollup("daily")}),
       latest AS (
         UPDATE influencer i
            SET latest_ts = l.ts, latest_follower_count = l.f, latest_following_count = l.g,
                username = coalesce(nullif(l.u, ''), i.username), error = NULL, error_at = NULL, consecutive_failures = 0
           FROM (SELECT DISTINCT ON (id) id, ts, f, g, u FROM input ORDER BY id, ts DESC) l
          WHERE i.id = l.id AND (i.latest_ts IS NULL OR l.ts >= i.latest_ts))
       SELECT count(*)::int AS n FROM ins`,
      [json],
    );
    return rows[0].n;
  }

  /** Slots without a reading, with the reason; and the influencers' error state when the reason is a failure. */
  async recordGaps(gaps: Gap[], failure?: { influencerIds: string[]; error: string; at: number }): Promise<void> {
    if (gaps.length) {
      await this.dataSource.query(
        `INSERT INTO influencer_gap (influencer_id, slot, reason)
         SELECT id, ts, reason FROM json_to_recordset($1::json) AS x(id bigint, ts timestamptz, reason text)
         ON CONFLICT (influencer_id, slot) DO UPDATE SET reason = excluded.reason`,
        [JSON.stringify(gaps.map((g) => ({ id: g.influencerId, ts: new Date(g.slot).toISOString(), reason: g.reason })))],
      );
    }
    if (failure?.influencerIds.length) {
      await this.dataSource.query(
        `UPDATE influencer SET error = $2, error_at = $3, consecutive_failures = consecutive_failures + 1 WHERE id = ANY($1::bigint[])`,
        [failure.influencerIds, failure.error, new Date(failure.at)],
      );
    }
  }

  /**
   * Daily partitions for the days these slots fall in. Readings of a day whose partition is missing land in the
   * default partition; creating the day's partition later moves them in, in one transaction.
   */
  async ensurePartitions(slots: number[]): Promise<void> {
    const days = new Set(slots.map((s) => Math.floor(s / DAY_MS) * DAY_MS));
    for (const day of days) {
      if (this.partitions.has(day)) continue;
      await this.createPartition(day);
      this.partitions.add(day);
    }
  }

  /** Drops whole days of raw readings older than `retentionDays`; rollups stay. Returns the partitions dropped. */
  async dropExpired(now: number, retentionDays: number): Promise<string[]> {
    const cutoff = Math.floor(now / DAY_MS) * DAY_MS - retentionDays * DAY_MS;
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        JOIN pg_namespace n ON n.oid = p.relnamespace
       WHERE p.relname = 'influencer_metric' AND n.nspname = current_schema() AND c.relname ~ '^influencer_metric_p\\d{8}$'`,
    );
    const dropped: string[] = [];
    for (const { name } of rows) {
      const day = Date.UTC(Number(name.slice(-8, -4)), Number(name.slice(-4, -2)) - 1, Number(name.slice(-2)));
      if (day >= cutoff) continue;
      await this.dataSource.query(`DROP TABLE ${name}`);
      this.partitions.delete(day);
      dropped.push(name);
    }
    // Stragglers of expired days in the default partition go too.
    await this.dataSource.query(`DELETE FROM influencer_metric_default WHERE ts < $1`, [new Date(cutoff)]);
    return dropped;
  }

  private async createPartition(day: number): Promise<void> {
    const from = new Date(day).toISOString();
    const to = new Date(day + DAY_MS).toISOString();
    const name = `influencer_metric_p${from.slice(0, 10).replace(/-/g, "")}`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Serialises creators across processes; the existence check below is then exact.
      await runner.query(`SELECT pg_advisory_xact_lock(hashtext('conflux.influencer_metric_partitions'))`);
      const [exists] = await runner.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [name]);
      if (!exists.e) {
        await runner.query(`CREATE TABLE ${name} (LIKE influencer_metric INCLUDING DEFAULTS)`);
        await runner.query(
          `WITH moved AS (DELETE FROM influencer_metric_default WHERE ts >= $1 AND ts < $2 RETURNING *)
           INSERT INTO ${name} SELECT * FROM moved`,
          [from, to],
        );
        await runner.query(`ALTER TABLE influencer_metric ATTACH PARTITION ${name} FOR VALUES FROM ('${from}') TO ('${to}')`);
      }
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
