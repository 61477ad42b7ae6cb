import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Influencer polling by shard leases instead of a claim per reading. Every influencer falls in one of 64 shards
 * (`shard`, its id modulo 64); each poller process leases a fair share of the shards (`influencer_poll_shard`:
 * owner, lease end, and how far its slots were dispatched) and keeps their schedules in memory, so a reading
 * costs the database one row of a batched COPY and nothing else. Pollers announce themselves in `influencer_poller`
 * (with their own lag and backlog); the live ones divide the shards between them, so N processes poll about N
 * times as many influencers and a process that stops leaves its shards to the others once its lease ends.
 *
 * `influencer_poll_version` tells pollers when the set of influencers or their placement changed: one row, moved
 * by statement triggers on tracking, untracking, a new interval or connection, and TRUNCATE; a poller that sees it
 * move reloads its shards. (A row, not a sequence, for the reason given in the company directory's version.)
 *
 * `next_poll_at` stays as the first slot of a newly tracked influencer; it is no longer moved per reading, so its
 * index goes.
 */
export class InfluencerPollShards1764001000000 implements MigrationInterface {
  name = "InfluencerPollShards1764001000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE influencer ADD COLUMN shard smallint GENERATED ALWAYS AS ((id % 64)::smallint) STORED`);
    await q.query(`CREATE INDEX influencer_shard_idx ON influencer (shard)`);
    await q.query(`DROP INDEX influencer_due_idx`);
    // Room on each page for a new version of its rows: the first read's username, an error and the snapshot's
    // counts change no indexed column, so those updates stay on the page (HOT) without touching the six indexes.
    await q.query(`ALTER TABLE influencer SET (fillfactor = 70)`);
    await q.query(`
      CREATE TABLE influencer_poll_shard (
        shard smallint PRIMARY KEY CHECK (shard BETWEEN 0 AND 63),
        owner uuid,
        lease_until timestamptz,
        polled_through timestamptz
      )`);
    await q.query(`INSERT INTO influencer_poll_shard (shard) SELECT generate_series(0, 63)`);
    await q.query(`
      CREATE TABLE influencer_poller (
        id uuid PRIMARY KEY,
        seen_at timestamptz NOT NULL,
        lag_seconds double precision NOT NULL DEFAULT 0,
        backlog integer NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE influencer_poll_version (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        version bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO influencer_poll_version DEFAULT VALUES`);
    await q.query(`
      CREATE FUNCTION influencer_poll_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        UPDATE influencer_poll_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER influencer_poll_changed
        AFTER INSERT OR DELETE OR UPDATE OF pk, connection_id, interval_seconds, offset_ms, next_poll_at ON influencer
        FOR EACH STATEMENT EXECUTE FUNCTION influencer_poll_changed()`);
    await q.query(`
      CREATE TRIGGER influencer_poll_truncated AFTER TRUNCATE ON influencer
        FOR EACH STATEMENT EXECUTE FUNCTION influencer_poll_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER influencer_poll_truncated ON influencer`);
    await q.query(`DROP TRIGGER influencer_poll_changed ON influencer`);
    await q.query(`DROP FUNCTION influencer_poll_changed()`);
    await q.query(`DROP TABLE influencer_poll_version, influencer_poller, influencer_poll_shard`);
    await q.query(`ALTER TABLE influencer RESET (fillfactor)`);
    await q.query(`CREATE INDEX influencer_due_idx ON influencer (next_poll_at)`);
    await q.query(`DROP INDEX influencer_shard_idx`);
    await q.query(`ALTER TABLE influencer DROP COLUMN shard`);
  }
}
