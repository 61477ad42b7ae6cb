import { MigrationInterface, QueryRunner } from "typeorm";

/** Diffing syncs (sync_record), reconciliation and drift, destinations, freshness and alerts. */
export class Syncs1764000200000 implements MigrationInterface {
  name = "Syncs1764000200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE connection
        ADD COLUMN destination_id uuid REFERENCES connection(id) ON DELETE SET NULL,
        ADD COLUMN reconcile_interval_seconds integer NOT NULL DEFAULT 86400 CHECK (reconcile_interval_seconds > 0),
        ADD COLUMN reconciled_at timestamptz,
        ADD COLUMN reconcile_requested boolean NOT NULL DEFAULT false,
        ADD COLUMN alert_grace_seconds integer NOT NULL DEFAULT 900 CHECK (alert_grace_seconds >= 0),
        ADD COLUMN failures_before_alert integer NOT NULL DEFAULT 3 CHECK (failures_before_alert > 0),
        ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0,
        ADD COLUMN lagging_since timestamptz,
        ADD COLUMN drift jsonb`);
    await q.query(`
      ALTER TABLE sync_run
        ADD COLUMN destination_api_calls integer NOT NULL DEFAULT 0,
        ADD COLUMN bytes bigint NOT NULL DEFAULT 0,
        ADD COLUMN reconciled boolean NOT NULL DEFAULT false,
        ADD COLUMN drift jsonb`);
    // What the last write of each external record was: unchanged records are never written again, and ids
    // missing from a reconciliation listing are the deletions.
    await q.query(`
      CREATE TABLE sync_record (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        external_id text COLLATE "C" NOT NULL,
        content_hash text NOT NULL,
        facet text,
        source_changed_at timestamptz,
        run_id uuid,
        PRIMARY KEY (account_id, connection_id, external_id)
      )`);
    await q.query(`
      CREATE TABLE alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid REFERENCES account(id) ON DELETE CASCADE,
        connection_id uuid REFERENCES connection(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('LAGGING', 'FAILING', 'DRIFT', 'QUEUE_STALLED')),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'RESOLVED')),
        reason text NOT NULL,
        opened_at timestamptz(3) NOT NULL DEFAULT now(),
        resolved_at timestamptz(3)
      )`);
    // One open alert per connection and kind (platform alerts have no connection): no storms, by construction.
    await q.query(`
      CREATE UNIQUE INDEX alert_one_open_idx ON alert
        (coalesce(connection_id, '00000000-0000-0000-0000-000000000000'::uuid), kind) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX alert_account_idx ON alert (account_id, opened_at DESC)`);
    // Every synced page is staged as a small batch; without this each one scanned the whole stage, dead rows
    // of earlier batches included, twice.
    await q.query(`CREATE INDEX activity_stage_stage_idx ON activity_stage (stage_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX activity_stage_stage_idx`);
    await q.query(`DROP TABLE alert`);
    await q.query(`DROP TABLE sync_record`);
    await q.query(`ALTER TABLE sync_run DROP COLUMN destination_api_calls, DROP COLUMN bytes, DROP COLUMN reconciled, DROP COLUMN drift`);
    await q.query(`
      ALTER TABLE connection DROP COLUMN destination_id, DROP COLUMN reconcile_interval_seconds,
        DROP COLUMN reconciled_at, DROP COLUMN reconcile_requested, DROP COLUMN alert_grace_seconds,
        DROP COLUMN failures_before_alert, DROP COLUMN consecutive_failures, DROP COLUMN lagging_since, DROP COLUMN drift`);
  }
}
