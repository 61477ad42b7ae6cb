import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
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
}

/** COPY text rows, in chunks of a few hundred rows (one stream write each). Every value is a number or a date. */
function* copyRows(readings: Reading[]): Generator<string> {
  let chunk = "";
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i];
    chunk += `${r.influencerId}\t${new Date(r.slot).toISOString()}\t${r.followerCount}\t${r.followingCount}\t${new Date(r.readAt).toISOString()}\n`;
    if (i % 500 === 499) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** A slot with no reading, and why. */
export interface Gap {
  influencerId: string;
  slot: number;
  reason: string;
}

const DAY_MS = 86_400_000;

/**
 * The influencers of $1 (ids), locked in id order first: two workers updating overlapping sets then queue behind
 * each other instead of deadlocking.
 */
const LOCKED_IN_ORDER = `SELECT id FROM influencer WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`;

const HOUR_MS = 3_600_000;
/** Readings of a slot are written within seconds of it; an hour is rolled up once this long after it ends. */
const SETTLE_MS = 2 * 60_000;

/** Aggregates of the raw readings matching `where`, per influencer and `unit`, in the rollup tables' columns. */
export function aggregateRaw(unit: "hour" | "day", where: string): string {
  return `
    SELECT influencer_id, date_trunc('${unit}', ts, 'UTC') AS bucket, count(*)::int AS n,
           min(follower_count) AS follower_min, max(follower_count) AS follower_max, sum(follower_count) AS follower_sum,
           (array_agg(follower_count ORDER BY ts DESC))[1] AS follower_last,
           min(following_count) AS following_min, max(following_count) AS following_max, sum(following_count) AS following_sum,
           (array_agg(following_count ORDER BY ts DESC))[1] AS following_last,
           count(ratio)::int AS ratio_n, min(ratio) AS ratio_min, max(ratio) AS ratio_max, coalesce(sum(ratio), 0) AS ratio_sum,
           (array_agg(ratio ORDER BY ts DESC))[1] AS ratio_last, max(ts) AS last_ts
      FROM (SELECT *, follower_count::float8 / nullif(following_count, 0) AS ratio FROM influencer_metric WHERE ${where}) m
     GROUP BY 1, 2`;
}

/** Hourly rows (`source`) combined per influencer and day, in the rollup tables' columns. */
export function aggregateHourly(source: string): string {
  return `
    SELECT influencer_id, date_trunc('day', bucket, 'UTC') AS bucket, sum(n)::int AS n,
           min(follower_min) AS follower_min, max(follower_max) AS follower_max, sum(follower_sum) AS follower_sum,
           (array_agg(follower_last ORDER BY last_ts DESC))[1] AS follower_last,
           min(following_min) AS following_min, max(following_max) AS following_max, sum(following_sum) AS following_sum,
           (array_agg(following_last ORDER BY last_ts DESC))[1] AS following_last,
           sum(ratio_n)::int AS ratio_n, min(ratio_min) AS ratio_min, max(ratio_max) AS ratio_max, sum(ratio_sum) AS ratio_sum,
           (array_agg(ratio_last ORDER BY last_ts DESC))[1] AS ratio_last, max(last_ts) AS last_ts
      FROM (${source}) h
     GROUP BY 1, 2`;
}

export const ROLLUP_COLUMNS = `influencer_id, bucket, n, follower_min, follower_max, follower_sum, follower_last, following_min,
  following_max, following_sum, following_last, ratio_n, ratio_min, ratio_max, ratio_sum, ratio_last, last_ts`;

/** Recomputes buckets (never increments them), so rolling an hour or a day up again changes nothing. */
function upsertRollup(table: string, select: string): string {
  const set = ROLLUP_COLUMNS.split(",").map((c) => c.trim()).filter((c) => c !== "influencer_id" && c !== "bucket");
  return `INSERT INTO ${table} (${ROLLUP_COLUMNS}) ${select} ORDER BY 1, 2
          ON CONFLICT (influencer_id, bucket) DO UPDATE SET ${set.map((c) => `${c} = excluded.${c}`).join(", ")}`;
}

/**
 * Writes of the influencer series. Platform-level (the poller serves every account): rows are addressed by
 * influencer id, which the poller got from its shards, never from a caller.
 */
export class MetricStore {
  private readonly partitions = new Set<number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { copy: boolean } = { copy: false },
  ) {}

  /**
   * A batch of readings into the series and nothing else (rollups and the snapshot are computed from it later,
   * set-based). Idempotent: a slot already filled is left as it is, so a retried or duplicated write changes
   * nothing. Returns how many readings were new.
   *
   * On PostgreSQL the batch goes in by COPY (text format), which costs a third of an INSERT … SELECT from JSON per
   * row. COPY cannot skip a row that exists, so a batch holding an already filled slot fails whole (23505, nothing
   * written) and is written again by the idempotent statement. That happens only when two pollers read the same
   * slot, around a shard changing hands. The embedded database (COPY FROM STDIN hangs through pglite-socket)
   * always takes the statement.
   */
  async write(readings: Reading[]): Promise<number> {
    if (!readings.length) return 0;
    await this.ensurePartitions(readings.map((r) => r.slot));
    if (this.options.copy) {
      try {
        return await this.copy(readings);
      } catch (error) {
        if ((error as { code?: string }).code !== "23505") throw error;
      }
    }
    return this.insert(readings);
  }

  private async copy(readings: Reading[]): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      const stream = client.query(copyFrom(`COPY influencer_metric (influencer_id, ts, follower_count, following_count, read_at) FROM STDIN`));
      await pipeline(Readable.from(copyRows(readings)), stream);
      return stream.rowCount;
    } finally {
      await runner.release();
    }
  }

  private async insert(readings: Reading[]): Promise<number> {
    const json = JSON.stringify(
      readings.map((r) => ({ id: r.influencerId, ts: new Date(r.slot).toISOString(), f: r.followerCount, g: r.followingCount, r: new Date(r.readAt).toISOString() })),
    );
    const rows: { n: number }[] = await this.dataSource.query(
      `WITH ins AS (
         INSERT INTO influencer_metric (influencer_id, ts, follower_count, following_count, read_at)
         SELECT id, ts, f, g, r FROM json_to_recordset($1::json) AS x(id bigint, ts timestamptz, f bigint, g bigint, r timestamptz)
          ORDER BY id, ts
         ON CONFLICT (influencer_id, ts) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [json],
    );
    return rows[0].n;
  }

  /**
   * What a successful read changes on the influencer itself, for the few it concerns: a failing influencer is
   * failing no more, and one never read gets its username. (Every other reading leaves the row alone.)
   */
  async noteReads(recovered: string[], named: { influencerId: string; username: string }[]): Promise<void> {
    if (recovered.length) {
      await this.dataSource.query(
        `UPDATE influencer SET error = NULL, error_at = NULL, consecutive_failures = 0 WHERE id IN (${LOCKED_IN_ORDER})`,
        [recovered],
      );
    }
    if (named.length) {
      await this.dataSource.query(
        `UPDATE influencer i SET username = n.username
           FROM json_to_recordset($2::json) AS n(id bigint, username text)
          WHERE i.id = n.id AND i.id IN (${LOCKED_IN_ORDER})`,
        [named.map((n) => n.influencerId), JSON.stringify(named.map((n) => ({ id: n.influencerId, username: n.username })))],
      );
    }
  }

  /**
   * Rolls up every hour (and every day) that is over and not yet rolled up, from the series, in one statement per
   * grain; `influencer_rollup` moves on. Idempotent: buckets are recomputed, not incremented. Returns the new
   * `through` of each grain.
   */
  async rollUp(now: number): Promise<{ hourly: Date; daily: Date }> {
    const hourEnd = Math.floor((now - SETTLE_MS) / HOUR_MS) * HOUR_MS;
    const dayEnd = Math.floor(hourEnd / DAY_MS) * DAY_MS;
    const state: { grain: string; through: Date }[] = await this.dataSource.query(`SELECT grain, through FROM influencer_rollup`);
    const through = (grain: string) => state.find((s) => s.grain === grain)?.through.getTime();
    // First run: from the oldest raw day kept.
    const oldest = await this.oldestPartitionDay();
    const hourFrom = through("hourly") ?? oldest ?? hourEnd;
    if (hourEnd > hourFrom) {
      await this.dataSource.query(upsertRollup("influencer_metric_hourly", aggregateRaw("hour", `ts >= $1 AND ts < $2`)), [new Date(hourFrom), new Date(hourEnd)]);
      await this.saveThrough("hourly", hourEnd);
    }
    const dayFrom = through("daily") ?? (oldest === undefined ? dayEnd : Math.floor(oldest / DAY_MS) * DAY_MS);
    if (dayEnd > dayFrom) {
      await this.dataSource.query(
        upsertRollup("influencer_metric_daily", aggregateHourly(`SELECT * FROM influencer_metric_hourly WHERE bucket >= $1 AND bucket < $2`)),
        [new Date(dayFrom), new Date(dayEnd)],
      );
      await this.saveThrough("daily", dayEnd);
    }
    return { hourly: new Date(Math.max(hourEnd, hourFrom)), daily: new Date(Math.max(dayEnd, dayFrom)) };
  }

  private async saveThrough(grain: string, at: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO influencer_rollup (grain, through) VALUES ($1, $2)
       ON CONFLICT (grain) DO UPDATE SET through = greatest(influencer_rollup.through, excluded.through)`,
      [grain, new Date(at)],
    );
  }

  /**
   * Slots without a reading, with the reason; and the influencers' error state when the reason is a failure. A slot
   * that has a reading after all (read by the poller that held its shard before, just before handing it over) is
   * not a gap.
   */
  async recordGaps(gaps: Gap[], failure?: { influencerIds: string[]; error: string; at: number }): Promise<void> {
    if (gaps.length) {
      await this.dataSource.query(
        `INSERT INTO influencer_gap (influencer_id, slot, reason)
         SELECT id, ts, reason FROM json_to_recordset($1::json) AS x(id bigint, ts timestamptz, reason text)
          WHERE NOT EXISTS (SELECT 1 FROM influencer_metric m WHERE m.influencer_id = x.id AND m.ts = x.ts)
         ON CONFLICT (influencer_id, slot) DO UPDATE SET reason = excluded.reason`,
        [JSON.stringify(gaps.map((g) => ({ id: g.influencerId, ts: new Date(g.slot).toISOString(), reason: g.reason })))],
      );
    }
    if (failure?.influencerIds.length) {
      await this.dataSource.query(
        `UPDATE influencer SET error = $2, error_at = $3, consecutive_failures = consecutive_failures + 1 WHERE id IN (${LOCKED_IN_ORDER})`,
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

  /**
   * Drops whole days of raw readings older than `retentionDays`, once they are rolled up (a day not yet rolled up
   * is kept whatever its age, so the rollups never miss it). Returns the partitions dropped.
   */
  async dropExpired(now: number, retentionDays: number): Promise<string[]> {
    const [rolled]: { through: Date }[] = await this.dataSource.query(`SELECT through FROM influencer_rollup WHERE grain = 'daily'`);
    const cutoff = Math.min(Math.floor(now / DAY_MS) * DAY_MS - retentionDays * DAY_MS, rolled ? rolled.through.getTime() : 0);
    const dropped: string[] = [];
    for (const [name, day] of await this.partitionDays()) {
      if (day >= cutoff) continue;
      await this.dataSource.query(`DROP TABLE ${name}`);
      this.partitions.delete(day);
      dropped.push(name);
    }
    // Stragglers of expired days in the default partition go too.
    await this.dataSource.query(`DELETE FROM influencer_metric_default WHERE ts < $1`, [new Date(cutoff)]);
    return dropped;
  }

  /** The daily partitions that exist, by name, with their day. */
  private async partitionDays(): Promise<[string, number][]> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        JOIN pg_namespace n ON n.oid = p.relnamespace
       WHERE p.relname = 'influencer_metric' AND n.nspname = current_schema() AND c.relname ~ '^influencer_metric_p\\d{8}$'`,
    );
    return rows.map(({ name }) => [name, Date.UTC(Number(name.slice(-8, -4)), Number(name.slice(-4, -2)) - 1, Number(name.slice(-2)))]);
  }

  private async oldestPartitionDay(): Promise<number | undefined> {
    const days = (await this.partitionDays()).map(([, day]) => day);
    return days.length ? Math.min(...days) : undefined;
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
