import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Influencer metrics. `influencer` is what an account tracks (a Mockstagram pk read through one of its
 * connections) with its polling state: `next_poll_at` is the next slot it is due in, spread across the interval
 * by `offset_ms` so a million influencers on a one-minute interval do not all fall due at :00; pollers of any
 * number of processes claim due rows with `FOR UPDATE SKIP LOCKED`. It also keeps the error state of the last
 * poll, the daily suspicious flag, and a once-a-minute snapshot (latest counts and rank by followers;
 * `influencer_stats` holds the account's average beside it) so lists and ranks never aggregate the series per
 * request — and the write of a reading touches nothing but the series.
 *
 * `influencer_metric` is the series at slot resolution: one row per (influencer, slot), range-partitioned by day
 * so retention drops whole partitions; a default partition catches readings before their day's partition exists
 * so nothing is ever refused. Hourly and daily rollups (min/max/sum/count/last) are computed from the series
 * once an hour (a day) is over, so long ranges read at most 24 × days rows; `influencer_rollup` says how far.
 * `influencer_gap` records slots that were missed or failed, so a gap is visible and never filled with a made-up
 * point.
 */
export class Influencers1764000500000 implements MigrationInterface {
  name = "Influencers1764000500000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE influencer (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        pk bigint NOT NULL,
        connection_id uuid NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        username text,
        interval_seconds integer NOT NULL CHECK (interval_seconds BETWEEN 1 AND 86400),
        offset_ms integer NOT NULL,
        next_poll_at timestamptz NOT NULL,
        tracked_at timestamptz NOT NULL DEFAULT now(),
        snapshot_ts timestamptz,
        snapshot_follower_count bigint,
        snapshot_following_count bigint,
        error text,
        error_at timestamptz,
        consecutive_failures integer NOT NULL DEFAULT 0,
        suspicious boolean,
        suspicious_checked_at timestamptz,
        suspicious_due_at timestamptz NOT NULL DEFAULT now(),
        rank integer,
        UNIQUE (account_id, pk)
      )`);
    await q.query(`CREATE INDEX influencer_due_idx ON influencer (next_poll_at)`);
    await q.query(`CREATE INDEX influencer_rank_idx ON influencer (account_id, rank, pk)`);
    await q.query(`CREATE INDEX influencer_connection_idx ON influencer (connection_id)`);
    await q.query(`CREATE INDEX influencer_suspicious_idx ON influencer (suspicious_due_at)`);
    await q.query(`
      CREATE TABLE influencer_stats (
        account_id uuid PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        tracked integer NOT NULL,
        average_follower_count double precision,
        ranked_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE influencer_metric (
        influencer_id bigint NOT NULL,
        ts timestamptz NOT NULL,
        follower_count bigint NOT NULL,
        following_count bigint NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (influencer_id, ts)
      ) PARTITION BY RANGE (ts)`);
    await q.query(`CREATE TABLE influencer_metric_default PARTITION OF influencer_metric DEFAULT`);
    // Readings arrive in time order, so a BRIN index finds an hour's rows for the rollup for almost nothing.
    await q.query(`CREATE INDEX influencer_metric_ts_idx ON influencer_metric USING brin (ts)`);
    // How far each rollup grain is complete: buckets before \`through\` are final, later ones are read from below.
    await q.query(`CREATE TABLE influencer_rollup (grain text PRIMARY KEY, through timestamptz NOT NULL)`);
    for (const grain of ["hourly", "daily"]) {
      await q.query(`
        CREATE TABLE influencer_metric_${grain} (
          influencer_id bigint NOT NULL,
          bucket timestamptz NOT NULL,
          n integer NOT NULL,
          follower_min bigint NOT NULL, follower_max bigint NOT NULL, follower_sum numeric NOT NULL, follower_last bigint NOT NULL,
          following_min bigint NOT NULL, following_max bigint NOT NULL, following_sum numeric NOT NULL, following_last bigint NOT NULL,
          ratio_n integer NOT NULL,
          ratio_min double precision, ratio_max double precision, ratio_sum double precision NOT NULL, ratio_last double precision,
          last_ts timestamptz NOT NULL,
          PRIMARY KEY (influencer_id, bucket)
        )`);
    }
    await q.query(`
      CREATE TABLE influencer_gap (
        influencer_id bigint NOT NULL,
        slot timestamptz NOT NULL,
        reason text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (influencer_id, slot)
      )`);
    // The series and its rollups follow their influencer (no per-row foreign keys on the hot tables).
    await q.query(`
      CREATE FUNCTION influencer_gone() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM influencer_metric m USING gone g WHERE m.influencer_id = g.id;
        DELETE FROM influencer_metric_hourly m USING gone g WHERE m.influencer_id = g.id;
        DELETE FROM influencer_metric_daily m USING gone g WHERE m.influencer_id = g.id;
        DELETE FROM influencer_gap m USING gone g WHERE m.influencer_id = g.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER influencer_gone AFTER DELETE ON influencer
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION influencer_gone()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE influencer_gap, influencer_rollup, influencer_metric_daily, influencer_metric_hourly, influencer_metric, influencer_stats`);
    await q.query(`DROP TABLE influencer`);
    await q.query(`DROP FUNCTION influencer_gone()`);
  }
}
