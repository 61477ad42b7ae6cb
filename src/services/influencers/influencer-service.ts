import type { DataSource } from "typeorm";
import { AccountScope } from "../../db/account-scope";
import { Connection } from "../../entities/connection";
import { decodeCursor, encodeCursor, Page, pageSize } from "../../db/keyset";
import { ValidationError } from "../../errors";
import type { Clock } from "../../clock";
import { aggregateHourly, aggregateRaw, ROLLUP_COLUMNS } from "./metric-store";
import { pollingLag } from "./poll-shards";
import { minuteBuckets, RawReading } from "./minute-buckets";

export type MetricInterval = "MINUTE" | "HOUR" | "DAY";

export interface Influencer {
  id: string;
  pk: number;
  username: string | null;
  connectionId: string;
  intervalSeconds: number;
  trackedAt: Date;
  /** Position by followers in the account's last snapshot (refreshed every minute); ties share a rank. */
  rank: number | null;
  error: { message: string; at: Date; consecutiveFailures: number } | null;
  suspicious: { value: boolean; checkedAt: Date } | null;
}

/** One reading as served. */
export interface LatestReading {
  ts: Date;
  followerCount: number;
  followingCount: number;
  /** Followers / following as a float; null when following is 0. */
  followerRatio: number | null;
}

export interface Stat {
  min: number | null;
  max: number | null;
  avg: number | null;
  last: number | null;
}

export interface MetricBucket {
  ts: Date;
  followerCount: Stat;
  followingCount: Stat;
  followerRatio: Stat;
}

export interface InfluencerStats {
  tracked: number;
  averageFollowerCount: number | null;
  rankedAt: Date | null;
}

export interface PollingStatus {
  trackedCount: number;
  /** From the last rank snapshot (null before the first). */
  averageFollowerCount: number | null;
  /** Slots that have come and wait for a poller, every account's (the pollers are shared). */
  due: number;
  /** How long the oldest of them has waited, in seconds (the shared pollers' lag). */
  lagSeconds: number;
  /** Slots without a reading in the last hour. */
  missedSlotsLastHour: number;
  /** Influencers whose last poll failed. */
  failing: number;
}

/** Largest range `trackInfluencerRange` takes in one call: a million rows in one statement. */
export const MAX_RANGE = 1_000_000;
const MAX_SPAN_DAYS = { MINUTE: 7, HOUR: 400, DAY: 3700 } as const;

interface InfluencerRow {
  id: string;
  pk: string;
  username: string | null;
  connection_id: string;
  interval_seconds: number;
  tracked_at: Date;
  rank: number | null;
  error: string | null;
  error_at: Date | null;
  consecutive_failures: number;
  suspicious: boolean | null;
  suspicious_checked_at: Date | null;
}

const COLUMNS = `id::text AS id, pk::text AS pk, username, connection_id, interval_seconds, tracked_at, rank, error,
  error_at, consecutive_failures, suspicious, suspicious_checked_at`;

/** How far back a latest reading is looked for: twice the longest interval. */
const LATEST_WINDOW_MS = 2 * 86_400_000;

/**
 * Offset and first slot of a newly tracked influencer, in SQL ($3 is the interval in seconds, `now` the parameter
 * holding now in ms): a stable hash of the pk spreads influencers evenly across their interval, and the first slot
 * is the next one to open, so a million influencers tracked at once are first read spread over one interval
 * rather than all at once.
 */
function placement(now: string): { offset: string; firstSlot: string } {
  const offset = `(abs(hashint8(pk::bigint)::bigint) % ($3::int * 1000))::int`;
  const firstSlot = `to_timestamp((floor((${now}::bigint - ${offset})::numeric / ($3::int * 1000) + 1) * ($3::int * 1000) + ${offset}) / 1000.0)`;
  return { offset, firstSlot };
}

/** Tracking influencers and reading their series; every method is scoped to the caller's account. */
export class InfluencerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Tracks pks (already tracked ones take the new interval and connection). Returns how many were new. */
  async track(scope: AccountScope, connectionId: string, pks: number[], intervalSeconds = 60): Promise<{ tracked: number; updated: number }> {
    await this.sourceConnection(scope, connectionId);
    validateInterval(intervalSeconds);
    if (!pks.length) return { tracked: 0, updated: 0 };
    if (pks.length > 10_000) throw new ValidationError("pks: at most 10,000 per call (use trackInfluencerRange for more)", { field: "pks" });
    for (const pk of pks) validatePk(pk, "pks");
    const rows = await scope.query<{ inserted: boolean }>(
      `INSERT INTO influencer (account_id, pk, connection_id, interval_seconds, offset_ms, next_poll_at, tracked_at, suspicious_due_at)
       SELECT $1, pk, $2, $3, ${placement("$5").offset}, ${placement("$5").firstSlot}, to_timestamp($5 / 1000.0), to_timestamp($5 / 1000.0)
         FROM unnest($4::bigint[]) AS pk
       ON CONFLICT (account_id, pk) DO UPDATE
          SET connection_id = excluded.connection_id, interval_seconds = excluded.interval_seconds,
              offset_ms = excluded.offset_ms, next_poll_at = excluded.next_poll_at
        WHERE (influencer.connection_id, influencer.interval_seconds) IS DISTINCT FROM (excluded.connection_id, excluded.interval_seconds)
       RETURNING (xmax = 0) AS inserted`,
      [connectionId, intervalSeconds, [...new Set(pks)], this.clock.now().getTime()],
    );
    const tracked = rows.filter((r) => r.inserted).length;
    return { tracked, updated: rows.length - tracked };
  }

  /** Tracks every pk in [from, to] in one statement; pks already tracked are left as they are. */
  async trackRange(scope: AccountScope, connectionId: string, from: number, to: number, intervalSeconds = 60): Promise<{ tracked: number }> {
    await this.sourceConnection(scope, connectionId);
    validateInterval(intervalSeconds);
    validatePk(from, "from");
    validatePk(to, "to");
    if (to < from) throw new ValidationError("to: must not be less than from", { field: "to" });
    if (to - from + 1 > MAX_RANGE) throw new ValidationError(`to: at most ${MAX_RANGE} pks per call`, { field: "to" });
    const [row] = await scope.query<{ n: number }>(
      `WITH added AS (
         INSERT INTO influencer (account_id, pk, connection_id, interval_seconds, offset_ms, next_poll_at, tracked_at, suspicious_due_at)
         SELECT $1, pk, $2, $3, ${placement("$6").offset}, ${placement("$6").firstSlot}, to_timestamp($6 / 1000.0), to_timestamp($6 / 1000.0)
           FROM generate_series($4::bigint, $5::bigint) AS pk
         ON CONFLICT (account_id, pk) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM added`,
      [connectionId, intervalSeconds, from, to, this.clock.now().getTime()],
    );
    return { tracked: row.n };
  }

  /** Stops tracking; the series goes with the influencer. Returns how many were tracked. */
  async untrack(scope: AccountScope, pks: number[]): Promise<number> {
    if (!pks.length) return 0;
    const [, count] = (await scope.query(`DELETE FROM influencer WHERE account_id = $1 AND pk = ANY($2::bigint[])`, [pks])) as unknown as [
      unknown,
      number,
    ];
    return Number(count ?? 0);
  }

  async get(scope: AccountScope, pk: number): Promise<Influencer | null> {
    validatePk(pk, "pk");
    const [row] = await scope.query<InfluencerRow>(`SELECT ${COLUMNS} FROM influencer WHERE account_id = $1 AND pk = $2`, [pk]);
    return row ? toInfluencer(row) : null;
  }

  /**
   * By followers, most first, as of the last snapshot (ties by pk; influencers not yet ranked last), keyset-paged
   * on the snapshot's rank, which an index serves.
   */
  async page(scope: AccountScope, first?: number, after?: string): Promise<Page<Influencer>> {
    const size = pageSize(first, 20);
    const cursor = decodeCursor<number | null>(after);
    const params: unknown[] = [size + 1];
    let where = "";
    if (cursor) {
      // Unranked (null) sorts last, as 2^31 - 1.
      params.push(cursor.key ?? 2147483647, cursor.id);
      where = `AND (coalesce(rank, 2147483647), pk) > ($3::int, $4::bigint)`;
    }
    const [rows, [{ n }]] = await Promise.all([
      scope.query<InfluencerRow>(
        `SELECT ${COLUMNS} FROM influencer WHERE account_id = $1 ${where} ORDER BY rank NULLS LAST, pk LIMIT $2`,
        params,
      ),
      scope.query<{ n: number }>(`SELECT count(*)::int AS n FROM influencer WHERE account_id = $1`),
    ]);
    const edges = rows.slice(0, size).map((row) => ({ node: toInfluencer(row), cursor: encodeCursor(row.rank, row.pk) }));
    return { edges, totalCount: n, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** The newest reading of each influencer (of the account) within the last two days, in one query. */
  async latest(scope: AccountScope, ids: readonly string[]): Promise<Map<string, LatestReading>> {
    const since = new Date(this.clock.now().getTime() - LATEST_WINDOW_MS);
    const rows = await scope.query<{ influencer_id: string; ts: Date; f: string; g: string }>(
      `SELECT DISTINCT ON (m.influencer_id) m.influencer_id::text, m.ts, m.follower_count::text AS f, m.following_count::text AS g
         FROM influencer_metric m
        WHERE m.influencer_id = ANY(ARRAY(SELECT id FROM influencer WHERE account_id = $1 AND id = ANY($2::bigint[])))
          AND m.ts >= $3
        ORDER BY m.influencer_id, m.ts DESC`,
      [ids, since],
    );
    return new Map(rows.map((r) => [r.influencer_id, toReading(r.ts, Number(r.f), Number(r.g))]));
  }

  /** The account's rank snapshot figures. */
  async stats(scope: AccountScope): Promise<InfluencerStats> {
    const [row] = await scope.query<{ tracked: number; average_follower_count: number | null; ranked_at: Date }>(
      `SELECT tracked, average_follower_count, ranked_at FROM influencer_stats WHERE account_id = $1`,
    );
    if (row) return { tracked: row.tracked, averageFollowerCount: row.average_follower_count, rankedAt: row.ranked_at };
    const [{ n }] = await scope.query<{ n: number }>(`SELECT count(*)::int AS n FROM influencer WHERE account_id = $1`);
    return { tracked: n, averageFollowerCount: null, rankedAt: null };
  }

  /**
   * The series of several influencers of the account over [from, to), in buckets: MINUTE from the raw readings
   * (at most a week), HOUR and DAY from the rollups for what they cover and from below for the hours and days
   * not rolled up yet (the current ones), so a month reads about 720 rows per influencer. Buckets without a
   * reading are absent (gaps stay gaps).
   */
  async metrics(scope: AccountScope, ids: readonly string[], from: Date, to: Date, interval: MetricInterval): Promise<Map<string, MetricBucket[]>> {
    validateRange(from, to, interval);
    const out = new Map<string, MetricBucket[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    if (interval === "MINUTE") {
      // Prepared, so the plan over the daily partitions (pruned at run time) is made once per connection; times
      // and counts come as float8, which pg reads with parseFloat instead of parsing a timestamp per row.
      const rows = await scope.prepared<RawReading>(
        "influencer-minutes",
        `SELECT influencer_id::text, (extract(epoch FROM ts) * 1000)::float8 AS at,
                follower_count::float8 AS followers, following_count::float8 AS following
           FROM influencer_metric WHERE ${OWN} AND ts >= $3 AND ts < $4 ORDER BY influencer_id, ts`,
        [ids, from, to],
      );
      minuteBuckets(rows, out);
      return out;
    }
    const rolled: { grain: string; through: Date }[] = await this.dataSource.query(`SELECT grain, through FROM influencer_rollup`);
    const through = (grain: string) => rolled.find((r) => r.grain === grain)?.through ?? new Date(0);
    // Each shape takes the parameters it names: the range, then how far the rollups it reads are complete.
    const params = { HOUR: [ids, from, to, through("hourly")], DAY: [ids, from, to, through("hourly"), through("daily")] };
    const rows = await scope.query<BucketRow>(bucketSql(interval), params[interval]);
    for (const row of rows) out.get(row.influencer_id)?.push(toBucket(row));
    return out;
  }

  /** Readings of one influencer at slot resolution (the REST analytics contract). */
  async readings(scope: AccountScope, pk: number, from: Date, to: Date): Promise<{ ts: Date; followerCount: number; followingCount: number }[]> {
    validateRange(from, to, "MINUTE");
    const rows = await scope.query<{ ts: Date; follower_count: string; following_count: string }>(
      `SELECT m.ts, m.follower_count::text, m.following_count::text
         FROM influencer i JOIN influencer_metric m ON m.influencer_id = i.id
        WHERE i.account_id = $1 AND i.pk = $2 AND m.ts >= $3 AND m.ts < $4 ORDER BY m.ts`,
      [pk, from, to],
    );
    return rows.map((r) => ({ ts: r.ts, followerCount: Number(r.follower_count), followingCount: Number(r.following_count) }));
  }

  /**
   * The account's influencers as a whole, and how the pollers keep up. The lag and the slots waiting are the
   * shared pollers' (every account's), the rest is the account's own.
   */
  async pollingStatus(scope: AccountScope): Promise<PollingStatus> {
    const now = this.clock.now();
    const [row] = await scope.query<{ tracked: number; failing: number; gaps: number }>(
      `SELECT count(*)::int AS tracked, count(*) FILTER (WHERE error IS NOT NULL)::int AS failing,
              (SELECT count(*)::int FROM influencer_gap g JOIN influencer j ON j.id = g.influencer_id
                WHERE j.account_id = $1 AND g.slot >= $2::timestamptz - interval '1 hour') AS gaps
         FROM influencer WHERE account_id = $1`,
      [now],
    );
    const { lagSeconds, backlog } = await pollingLag(this.dataSource, now.getTime());
    const { averageFollowerCount } = await this.stats(scope);
    return { trackedCount: row.tracked, averageFollowerCount, due: backlog, lagSeconds, missedSlotsLastHour: row.gaps, failing: row.failing };
  }

  /**
   * The snapshot of every account, in one pass (platform maintenance, once a minute): each influencer's newest
   * counts since the last snapshot, its rank by followers (ties share a rank) and the account's average, so lists
   * and ranks read columns instead of ranking a million influencers per request. Returns the influencers whose
   * counts or rank changed.
   */
  async refreshSnapshot(): Promise<number> {
    const now = this.clock.now();
    const [state]: { through: Date }[] = await this.dataSource.query(`SELECT through FROM influencer_rollup WHERE grain = 'snapshot'`);
    // Readings since the last refresh, and a minute before it for those written late in their slot. (A reading
    // written later still, late in a long interval's slot, waits for the influencer's next one: the snapshot is
    // late, never wrong.) A narrow window keeps this pass small: it sorts every reading in it.
    const since = new Date(Math.max((state?.through.getTime() ?? 0) - 60_000, now.getTime() - LATEST_WINDOW_MS));
    // One pass writes each influencer's row once, with its newest counts and its rank together, and only when
    // either moved (two passes made two row versions a minute of every influencer). Rows another statement holds
    // (a poller noting a read or a failure) are skipped, not waited for, and taken at the next refresh: a
    // statement over every influencer that waited could deadlock with them.
    const [, updated] = (await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (influencer_id) influencer_id, ts, follower_count, following_count
           FROM influencer_metric WHERE ts >= $1 ORDER BY influencer_id, ts DESC),
       current AS (
         SELECT i.id, i.account_id, fresh, CASE WHEN fresh THEN l.ts ELSE i.snapshot_ts END AS ts,
                CASE WHEN fresh THEN l.follower_count ELSE i.snapshot_follower_count END AS follower_count,
                CASE WHEN fresh THEN l.following_count ELSE i.snapshot_following_count END AS following_count
           FROM influencer i LEFT JOIN latest l ON l.influencer_id = i.id,
                LATERAL (SELECT l.ts IS NOT NULL AND (i.snapshot_ts IS NULL OR l.ts > i.snapshot_ts) AS fresh) f),
       ranked AS (
         SELECT c.*, CASE WHEN follower_count IS NOT NULL
                          THEN rank() OVER (PARTITION BY account_id ORDER BY follower_count DESC NULLS LAST)::int END AS rank
           FROM current c),
       target AS (
         SELECT r.* FROM influencer i JOIN ranked r ON r.id = i.id
          WHERE r.fresh OR i.rank IS DISTINCT FROM r.rank
            FOR UPDATE OF i SKIP LOCKED)
       UPDATE influencer i
          SET snapshot_ts = t.ts, snapshot_follower_count = t.follower_count, snapshot_following_count = t.following_count, rank = t.rank
         FROM target t WHERE i.id = t.id`,
      [since],
    )) as [unknown, number];
    await this.dataSource.query(
      `INSERT INTO influencer_stats (account_id, tracked, average_follower_count, ranked_at)
       SELECT account_id, count(*), avg(snapshot_follower_count)::float8, $1 FROM influencer GROUP BY account_id
       ON CONFLICT (account_id) DO UPDATE
          SET tracked = excluded.tracked, average_follower_count = excluded.average_follower_count, ranked_at = excluded.ranked_at`,
      [now],
    );
    await this.dataSource.query(
      `INSERT INTO influencer_rollup (grain, through) VALUES ('snapshot', $1) ON CONFLICT (grain) DO UPDATE SET through = excluded.through`,
      [now],
    );
    return Number(updated ?? 0);
  }

  private async sourceConnection(scope: AccountScope, connectionId: string): Promise<Connection> {
    const connection = await scope.get(Connection, connectionId, "connection");
    if (connection.kind !== "mockstagram") {
      throw new ValidationError(`connectionId: influencers are read through a mockstagram connection, not ${connection.kind}`, { field: "connectionId" });
    }
    return connection;
  }
}

interface BucketRow {
  influencer_id: string;
  ts: Date;
  f_min: string | null; f_max: string | null; f_avg: number | null; f_last: string | null;
  g_min: string | null; g_max: string | null; g_avg: number | null; g_last: string | null;
  r_min: number | null; r_max: number | null; r_avg: number | null; r_last: number | null;
}

/** Rows of the account's ($1) influencers among the ids ($2) only. */
const OWN = `influencer_id = ANY(ARRAY(SELECT id FROM influencer WHERE account_id = $1 AND id = ANY($2::bigint[])))`;

/**
 * HOUR and DAY buckets: $1 the account, $2 influencer ids, $3 from, $4 to, $5 and $6 how far the hourly and daily
 * rollups are complete. (MINUTE buckets are folded from the rows: minuteBuckets.)
 */
function bucketSql(interval: "HOUR" | "DAY"): string {
  const buckets =
    interval === "HOUR"
      ? `SELECT ${ROLLUP_COLUMNS} FROM influencer_metric_hourly
          WHERE ${OWN} AND bucket >= date_trunc('hour', $3::timestamptz, 'UTC') AND bucket < least($4::timestamptz, $5::timestamptz)
         UNION ALL
         ${aggregateRaw("hour", `${OWN} AND ts >= greatest(date_trunc('hour', $3::timestamptz, 'UTC'), $5::timestamptz) AND ts < $4`)}`
      : `SELECT ${ROLLUP_COLUMNS} FROM influencer_metric_daily
          WHERE ${OWN} AND bucket >= date_trunc('day', $3::timestamptz, 'UTC') AND bucket < least($4::timestamptz, $6::timestamptz)
         UNION ALL
         ${aggregateHourly(`
           SELECT ${ROLLUP_COLUMNS} FROM influencer_metric_hourly
            WHERE ${OWN} AND bucket >= greatest(date_trunc('day', $3::timestamptz, 'UTC'), $6::timestamptz) AND bucket < least($4::timestamptz, $5::timestamptz)
           UNION ALL
           ${aggregateRaw("hour", `${OWN} AND ts >= greatest(date_trunc('day', $3::timestamptz, 'UTC'), $6::timestamptz, $5::timestamptz) AND ts < $4`)}`)}`;
  return `
    SELECT influencer_id::text, bucket AS ts,
           follower_min AS f_min, follower_max AS f_max, (follower_sum / n)::float8 AS f_avg, follower_last AS f_last,
           following_min AS g_min, following_max AS g_max, (following_sum / n)::float8 AS g_avg, following_last AS g_last,
           ratio_min AS r_min, ratio_max AS r_max, CASE WHEN ratio_n > 0 THEN ratio_sum / ratio_n END AS r_avg, ratio_last AS r_last
      FROM (${buckets}) b
     ORDER BY 1, 2`;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

function toBucket(r: BucketRow): MetricBucket {
  return {
    ts: r.ts,
    followerCount: { min: num(r.f_min), max: num(r.f_max), avg: num(r.f_avg), last: num(r.f_last) },
    followingCount: { min: num(r.g_min), max: num(r.g_max), avg: num(r.g_avg), last: num(r.g_last) },
    followerRatio: { min: r.r_min, max: r.r_max, avg: r.r_avg, last: r.r_last },
  };
}

function toInfluencer(row: InfluencerRow): Influencer {
  return {
    id: row.id,
    pk: Number(row.pk),
    username: row.username,
    connectionId: row.connection_id,
    intervalSeconds: row.interval_seconds,
    trackedAt: row.tracked_at,
    rank: row.rank,
    error: row.error ? { message: row.error, at: row.error_at!, consecutiveFailures: row.consecutive_failures } : null,
    suspicious: row.suspicious === null || !row.suspicious_checked_at ? null : { value: row.suspicious, checkedAt: row.suspicious_checked_at },
  };
}

function toReading(ts: Date, followerCount: number, followingCount: number): LatestReading {
  return { ts, followerCount, followingCount, followerRatio: followingCount === 0 ? null : followerCount / followingCount };
}

function validatePk(pk: number, field: string): void {
  if (!Number.isSafeInteger(pk) || pk <= 0) throw new ValidationError(`${field}: pks are positive integers`, { field });
}

function validateInterval(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
    throw new ValidationError("intervalSeconds: between 1 and 86400", { field: "intervalSeconds" });
  }
}

function validateRange(from: Date, to: Date, interval: MetricInterval): void {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new ValidationError("from, to: must be times", { field: "from" });
  if (to <= from) throw new ValidationError("to: must be after from", { field: "to" });
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days > MAX_SPAN_DAYS[interval]) {
    throw new ValidationError(`to: a ${interval} series spans at most ${MAX_SPAN_DAYS[interval]} days; use a coarser interval`, { field: "to" });
  }
}
