import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Enrichment transactions. `enrichment_transaction` is one `erid` of an account: what was asked (fields,
 * number_of_records), the counters that decide its status, and whether results go back to customers. Counters are
 * only ever moved by the statement that moves records, so they cannot drift from the records.
 *
 * `enrichment_record` is one submitted contact under a stable `key` (see EnrichmentService.submit): the unique
 * (transaction_id, key) makes a re-sent request add nothing. Its outcome is a row of `enrichment_result`, written
 * once (`ON CONFLICT (record_id) DO NOTHING`): a record without one is pending, and a batch processed twice (a
 * worker killed, a job retried) counts once. Both tables are append-only, which costs PostgreSQL a third of
 * updating records in place (no dead rows, one index).
 *
 * `enrichment_cache` keeps what a provider answered per input key for a while, so the same contact is not paid for
 * twice; `enrichment_waterfall` is an account's ordered list of provider connections.
 */
export class Enrichment1764000600000 implements MigrationInterface {
  name = "Enrichment1764000600000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enrichment_transaction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        erid text NOT NULL,
        fields text[] NOT NULL,
        number_of_records integer NOT NULL CHECK (number_of_records > 0),
        received integer NOT NULL DEFAULT 0,
        enriched integer NOT NULL DEFAULT 0,
        not_found integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        vendor_calls integer NOT NULL DEFAULT 0,
        cache_hits integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'incomplete' CHECK (status IN ('incomplete', 'completed')),
        write_back boolean NOT NULL DEFAULT false,
        pipeline_id uuid REFERENCES connection(id) ON DELETE SET NULL,
        request_date timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        UNIQUE (account_id, erid)
      )`);
    await q.query(`CREATE INDEX enrichment_transaction_by_date ON enrichment_transaction (account_id, request_date, id)`);
    await q.query(`CREATE INDEX enrichment_transaction_stalled ON enrichment_transaction (updated_at) WHERE status = 'incomplete'`);
    await q.query(`
      CREATE TABLE enrichment_record (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL,
        transaction_id uuid NOT NULL REFERENCES enrichment_transaction(id) ON DELETE CASCADE,
        key text NOT NULL,
        input jsonb NOT NULL,
        UNIQUE (transaction_id, key)
      )`);
    await q.query(`
      CREATE TABLE enrichment_result (
        record_id bigint PRIMARY KEY,
        account_id uuid NOT NULL,
        transaction_id uuid NOT NULL REFERENCES enrichment_transaction(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('enriched', 'not_found', 'failed')),
        output jsonb NOT NULL,
        providers jsonb NOT NULL,
        error text,
        finished_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE enrichment_cache (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        provider_id uuid NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        input_key text NOT NULL,
        result jsonb,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, provider_id, input_key)
      )`);
    await q.query(`
      CREATE TABLE enrichment_waterfall (
        account_id uuid PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        provider_ids uuid[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enrichment_waterfall, enrichment_cache, enrichment_result, enrichment_record, enrichment_transaction`);
  }
}
