import type { ScopedClient } from "../../db/account-scope";
import { ActivityChunk, ChunkFormat, CREATE_SCRATCH, StagedItem, stagedItemJson } from "./activity-stage";

/** Counts of one applied import or push. */
export interface AppliedBatch {
  /** Items new to Conflux (not seen before by id). */
  applied: number;
  /** Items whose id was already stored: dropped, so re-imports change nothing. */
  duplicates: number;
}

const ARRIVAL_SPAN = 4294967296; // 2^32 lines per import at most

/** Customers one fold may create before the statistics it plans with are taken again. */
const STALE_STATISTICS = 10_000;

/** A null somewhere in an item's data JSON (a false positive, `"null"` inside a string, only costs a scan). */
const NULL_VALUE = /:\s*null\b/;

/** Serialises the account's applies and rebuilds (their upserts would otherwise deadlock), until commit. */
const LOCK_ACCOUNT_ACTIVITY = `pg_advisory_xact_lock(hashtext('conflux.activity'), hashtext($1::text))`;

/**
 * Takes the account's activity lock and the next batch number in one round trip; returns the batch's arrival
 * base (an item's arrival is base + its line, so later batches win ties across files).
 */
async function lockAndNumberBatch(client: ScopedClient): Promise<string> {
  const [{ n }] = await client.query<{ n: string }>(`SELECT ${LOCK_ACCOUNT_ACTIVITY}, nextval('activity_batch_seq')::text AS n`);
  return (BigInt(n) * BigInt(ARRIVAL_SPAN)).toString();
}

/**
 * One apply of activity inside the caller's transaction, fed in chunks so that the archive is written while the
 * caller prepares the next chunk (an import parses its next lines while PostgreSQL archives the last ones):
 *  1. each chunk, written into activity_chunk, is archived in customer_event (duplicates by id dropped: a repeat
 *     in the same import conflicts with its first copy) and its new items kept in activity_fresh;
 *  2. `finish` creates missing customers;
 *  3. per (customer, attribute) keeps the value with the greatest (timestamp, arrival): later lines win ties;
 *  4. folds the attribute changes that won into customer.attributes, adds the distinct new events to
 *     customer.events (name → count) and advances last_updated, in one update of each touched customer.
 * Applies of one account are serialised (LOCK_ACCOUNT_ACTIVITY) so their upserts never deadlock. One chunk is in
 * flight at a time: a connection runs one statement at a time anyway, and a second would only hold memory.
 */
export class ActivityBatch {
  private inFlight: Promise<void> = Promise.resolve();
  private chunk: ActivityChunk;
  private staged = 0;
  private fresh = 0;

  private constructor(
    private readonly client: ScopedClient,
    private readonly format: ChunkFormat,
    private readonly arrivalBase: string,
  ) {
    this.chunk = format();
  }

  static async begin(client: ScopedClient, format: ChunkFormat): Promise<ActivityBatch> {
    await client.exec(CREATE_SCRATCH);
    const arrivalBase = await lockAndNumberBatch(client);
    // The sorts below (index-ordered inserts, winners per attribute) would spill to disk at the default 4 MB.
    await client.exec(`SET LOCAL work_mem = '256MB'`);
    return new ActivityBatch(client, format, arrivalBase);
  }

  /** Adds an item to the chunk being filled. */
  add(item: StagedItem): void {
    this.chunk.add(item);
  }

  /** Items in the chunk being filled. */
  get pending(): number {
    return this.chunk.count;
  }

  /** Starts archiving the chunk being filled once the chunk before is archived; resolves when it is under way. */
  async flush(): Promise<void> {
    if (this.chunk.count === 0) return;
    await this.inFlight;
    const chunk = this.chunk;
    this.chunk = this.format();
    this.staged += chunk.count;
    this.inFlight = this.archive(chunk);
    this.inFlight.catch(() => undefined); // observed by the next flush or by finish
  }

  /** Archives what is left, folds everything new into the customers and counts what was new. */
  async finish(): Promise<AppliedBatch> {
    await this.flush();
    await this.inFlight;
    if (this.fresh > 0) await foldFreshActivity(this.client);
    return { applied: this.fresh, duplicates: this.staged - this.fresh };
  }

  private async archive(chunk: ActivityChunk): Promise<void> {
    await chunk.write(this.client);
    const [{ n }] = await this.client.query<{ n: string }>(
      `WITH fresh AS (
         INSERT INTO customer_event (account_id, event_id, customer_id, type, name, data, ts, arrival)
         SELECT $1, event_id, customer_id, type, name, data, ts, $2::bigint + line FROM activity_chunk
          ORDER BY customer_id, event_id -- in index order: several times faster than random inserts
         ON CONFLICT (account_id, customer_id, event_id) DO NOTHING
         RETURNING customer_id, type, name, data, ts, arrival),
       kept AS (
         INSERT INTO activity_fresh SELECT customer_id, type, name, CASE WHEN type = 'attributes' THEN data ELSE '{}'::json END, ts, arrival FROM fresh
         RETURNING 1)
       SELECT count(*)::text AS n FROM kept`,
      [this.arrivalBase],
    );
    await this.client.exec(`TRUNCATE activity_chunk`);
    this.fresh += Number(n);
  }
}

/**
 * Attribute items (synced records: one per customer, each a whole version of the record) applied without
 * staging, inside the caller's transaction. A customer this batch creates has no history to merge with, so it
 * is written directly: its row with the live values and the item's (timestamp, arrival) as its base version,
 * which every attribute without a row of its own carries — only a null (a tombstone) gets a customer_attribute
 * row. That is most of a first sync, at three rows per record instead of one per attribute more. Items of
 * customers that already exist take the general fold. Duplicates by event id are dropped as in
 * `ActivityBatch`.
 */
export async function applyAttributeItems(client: ScopedClient, items: StagedItem[]): Promise<AppliedBatch> {
  // Two versions of one new customer would both try to create it, and the second would be lost.
  if (new Set(items.map((i) => i.customerId)).size !== items.length) throw new Error("applyAttributeItems: one item per customer");
  await client.exec(CREATE_SCRATCH);
  const arrivalBase = await lockAndNumberBatch(client);
  const [counts] = await client.query<{ applied: number; folded: number }>(
    `WITH input AS (
       SELECT * FROM json_to_recordset($2::json) AS x(line integer, event_id text, customer_id text, data json, ts bigint)),
     fresh AS (
       INSERT INTO customer_event (account_id, event_id, customer_id, type, name, data, ts, arrival)
       SELECT $1, event_id, customer_id, 'attributes', NULL, data, ts, $3::bigint + line FROM input
        ORDER BY customer_id, event_id
       ON CONFLICT (account_id, customer_id, event_id) DO NOTHING
       RETURNING customer_id, data, ts, arrival),
     created AS (
       INSERT INTO customer (account_id, id, attributes, last_updated, base_ts, base_arrival)
       SELECT $1, customer_id, jsonb_strip_nulls(data::jsonb), ts, ts, arrival FROM fresh ORDER BY customer_id
       ON CONFLICT (account_id, id) DO NOTHING
       RETURNING id),
     tombstones AS (
       INSERT INTO customer_attribute (account_id, customer_id, key, value, ts, arrival)
       SELECT $1, f.customer_id, a.key, NULL, f.ts, f.arrival
         FROM fresh f JOIN created c ON c.id = f.customer_id CROSS JOIN LATERAL json_each_text(f.data) a
        WHERE $4::boolean AND a.value IS NULL), -- $4 false: no item has a null, and the scan is skipped whole
     folded AS (
       INSERT INTO activity_fresh
       SELECT customer_id, 'attributes', NULL, data, ts, arrival FROM fresh f
        WHERE NOT EXISTS (SELECT 1 FROM created c WHERE c.id = f.customer_id)
       RETURNING 1)
     SELECT (SELECT count(*) FROM fresh)::int AS applied, (SELECT count(*) FROM folded)::int AS folded`,
    [`[${items.map(stagedItemJson).join(",")}]`, arrivalBase, items.some((i) => NULL_VALUE.test(i.dataJson))],
  );
  if (counts.folded > 0) await foldFreshActivity(client);
  return { applied: counts.applied, duplicates: items.length - counts.applied };
}

/** Steps 2–4, from activity_fresh; shared by ingestion and rebuilds. */
export async function foldFreshActivity(client: ScopedClient): Promise<void> {
  const [{ created }] = await client.query<{ created: number }>(
    `WITH created AS (
       INSERT INTO customer (account_id, id) SELECT DISTINCT $1::uuid, customer_id FROM activity_fresh
       ON CONFLICT (account_id, id) DO NOTHING RETURNING 1)
     SELECT count(*)::int AS created FROM created`,
  );
  // Statistics taken before this import know nothing of an account it just filled: the planner took a new
  // account's 100,000 customers for one row and joined them to a million attribute changes by nested loop (an
  // import that never finished). ANALYZE here counts this transaction's own rows.
  if (created > STALE_STATISTICS) await client.exec("ANALYZE customer, activity_fresh");
  // A candidate at or before its customer's base version loses to it when the base holds the key (a live value
  // with no row of its own carries the base; one with a row has a later version still).
  await client.query(
    `WITH won AS (
       INSERT INTO customer_attribute (account_id, customer_id, key, value, ts, arrival)
       SELECT $1::uuid, w.customer_id, w.key, w.value, w.ts, w.arrival
         FROM (SELECT DISTINCT ON (f.customer_id, a.key) f.customer_id, a.key, a.value, f.ts, f.arrival
                 FROM activity_fresh f CROSS JOIN LATERAL json_each_text(f.data) a
                WHERE f.type = 'attributes'
                ORDER BY f.customer_id, a.key, f.ts DESC, f.arrival DESC) w
         JOIN customer c ON c.account_id = $1 AND c.id = w.customer_id
        WHERE c.base_ts IS NULL OR (w.ts, w.arrival) > (c.base_ts, c.base_arrival) OR NOT c.attributes ? w.key
        ORDER BY w.customer_id, w.key
       ON CONFLICT (account_id, customer_id, key) DO UPDATE
         SET value = excluded.value, ts = excluded.ts, arrival = excluded.arrival
         WHERE (excluded.ts, excluded.arrival) > (customer_attribute.ts, customer_attribute.arrival)
       RETURNING customer_id, key, value)
     INSERT INTO activity_won SELECT customer_id, key, value FROM won`,
  );
  // Event counts ride in the same update as attributes: one new version of each touched row, not two. A customer
  // with no counts yet takes the new ones whole; otherwise the names of both are added up.
  await client.query(
    `UPDATE customer c
        SET attributes = (c.attributes || COALESCE(w.set_values, '{}'::jsonb)) - COALESCE(w.removed, '{}'::text[]),
            events = CASE WHEN n.counts IS NULL THEN c.events
                          WHEN c.events = '{}'::jsonb THEN n.counts
                          ELSE (SELECT jsonb_object_agg(key, total)
                                  FROM (SELECT key, sum(value::bigint) AS total
                                          FROM (SELECT * FROM jsonb_each_text(c.events) UNION ALL SELECT * FROM jsonb_each_text(n.counts)) kv
                                         GROUP BY key) s) END,
            last_updated = GREATEST(c.last_updated, t.max_ts)
       FROM (SELECT customer_id, max(ts) AS max_ts FROM activity_fresh GROUP BY customer_id) t
       LEFT JOIN (SELECT customer_id,
                         jsonb_object_agg(key, value) FILTER (WHERE value IS NOT NULL) AS set_values,
                         array_agg(key) FILTER (WHERE value IS NULL) AS removed
                    FROM activity_won GROUP BY customer_id) w ON w.customer_id = t.customer_id
       LEFT JOIN (SELECT customer_id, jsonb_object_agg(name, n) AS counts
                    FROM (SELECT customer_id, name, count(*) AS n FROM activity_fresh WHERE type = 'event' GROUP BY customer_id, name) e
                   GROUP BY customer_id) n ON n.customer_id = t.customer_id
      WHERE c.account_id = $1 AND c.id = t.customer_id`,
  );
}

/**
 * Recomputes every summary of the client's account from the raw archive (customer_event), in arrival order:
 * the same fold as ingestion, so a rebuild and the incremental path cannot disagree.
 */
export async function rebuildFromArchive(client: ScopedClient): Promise<{ customers: number; items: number }> {
  await client.query(`SELECT ${LOCK_ACCOUNT_ACTIVITY}`);
  await client.query(`DELETE FROM customer_attribute WHERE account_id = $1`);
  await client.query(`UPDATE customer SET attributes = '{}', events = '{}', last_updated = 0, base_ts = NULL, base_arrival = NULL WHERE account_id = $1`);
  const [{ n }] = await client.query<{ n: string }>(
    `WITH kept AS (
       INSERT INTO activity_fresh
       SELECT customer_id, type, name, CASE WHEN type = 'attributes' THEN data ELSE '{}'::json END, ts, arrival
         FROM customer_event WHERE account_id = $1
       RETURNING 1)
     SELECT count(*)::text AS n FROM kept`,
  );
  await foldFreshActivity(client);
  const [{ c }] = await client.query<{ c: string }>(`SELECT count(*)::text AS c FROM customer WHERE account_id = $1`);
  return { customers: Number(c), items: Number(n) };
}
