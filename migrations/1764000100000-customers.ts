import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Customer profiles. Key columns use the "C" collation: byte order compares several times faster than a
 * linguistic one in these hot indexes, and ids have no natural language order anyway. `customer_event` is the raw, de-duplicated archive of every activity item (events and
 * attribute changes, keyed by their id) from which everything else can be rebuilt. `customer_attribute` holds
 * the winning value and timestamp per (customer, attribute) — a null value is a tombstone, so an older value
 * arriving later cannot resurrect a removed attribute. `customer.attributes` materialises the live values for
 * cheap reads and filters; `customer_event_count` keeps distinct-event counts per name.
 */
export class Customers1764000100000 implements MigrationInterface {
  name = "Customers1764000100000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        id text COLLATE "C" NOT NULL,
        attributes jsonb NOT NULL DEFAULT '{}',
        last_updated bigint NOT NULL DEFAULT 0,
        inserted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, id)
      )`);
    await q.query(`CREATE INDEX customer_attributes_idx ON customer USING gin (attributes jsonb_path_ops)`);
    await q.query(`
      CREATE TABLE customer_attribute (
        account_id uuid NOT NULL,
        customer_id text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        value text,
        ts bigint NOT NULL,
        arrival bigint NOT NULL,
        PRIMARY KEY (account_id, customer_id, key),
        FOREIGN KEY (account_id, customer_id) REFERENCES customer(account_id, id) ON DELETE CASCADE
      ) WITH (fillfactor = 80)`); // room on each page so value updates stay HOT
    await q.query(`
      CREATE TABLE customer_event (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        event_id text COLLATE "C" NOT NULL,
        customer_id text COLLATE "C" NOT NULL,
        type text NOT NULL CHECK (type IN ('event', 'attributes')),
        name text,
        -- json, not jsonb: the archive is written once and read back whole; skipping jsonb's decomposition
        -- makes ingestion cheaper
        data json NOT NULL,
        ts bigint NOT NULL,
        arrival bigint NOT NULL,
        -- per customer: an event id counts once for its customer, and one index serves both de-duplication
        -- and "all events of a customer" (deletes, rebuilds)
        PRIMARY KEY (account_id, customer_id, event_id)
      )`);
    await q.query(`
      CREATE TABLE customer_event_count (
        account_id uuid NOT NULL,
        customer_id text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (account_id, customer_id, name),
        FOREIGN KEY (account_id, customer_id) REFERENCES customer(account_id, id) ON DELETE CASCADE
      ) WITH (fillfactor = 80)`);
    // Imports stage here before their one applying transaction. Unlogged: staged rows are a scratch copy of the
    // file, and a crash simply fails the import.
    await q.query(`
      CREATE UNLOGGED TABLE activity_stage (
        account_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        line integer NOT NULL,
        event_id text NOT NULL,
        customer_id text NOT NULL,
        type text NOT NULL,
        name text,
        data json NOT NULL,
        ts bigint NOT NULL
      )`);
    // Arrival order across imports: each applied import takes the next number; an item's arrival is
    // number * 2^32 + its line, so "later-arriving wins" on equal timestamps holds across files too.
    await q.query(`CREATE SEQUENCE activity_batch_seq`);
    await q.query(`
      CREATE TABLE activity_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        source text NOT NULL,
        status text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
        lines integer NOT NULL DEFAULT 0,
        bytes bigint NOT NULL DEFAULT 0,
        applied integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        anonymous integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        failure text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX activity_import_account_idx ON activity_import (account_id, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_import`);
    await q.query(`DROP TABLE activity_stage`);
    await q.query(`DROP SEQUENCE activity_batch_seq`);
    await q.query(`DROP TABLE customer_event_count`);
    await q.query(`DROP TABLE customer_event`);
    await q.query(`DROP TABLE customer_attribute`);
    await q.query(`DROP TABLE customer`);
  }
}
