import { MigrationInterface, QueryRunner } from "typeorm";

/** Accounts, API keys, connections and their runs. */
export class Foundation1764000000000 implements MigrationInterface {
  name = "Foundation1764000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('ADMIN', 'MEMBER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_key_account_idx ON api_key (account_id)`);
    await q.query(`
      CREATE TABLE connection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        kind text NOT NULL,
        name text NOT NULL,
        config jsonb NOT NULL DEFAULT '{}',
        secret_encrypted text,
        schedule text,
        lag_threshold_seconds integer NOT NULL DEFAULT 7200 CHECK (lag_threshold_seconds > 0),
        paused boolean NOT NULL DEFAULT false,
        state jsonb NOT NULL DEFAULT '{}',
        next_sync_at timestamptz,
        synced_through timestamptz,
        -- millisecond precision so keyset cursors (JavaScript dates) compare exactly
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, name)
      )`);
    await q.query(`CREATE INDEX connection_due_idx ON connection (next_sync_at) WHERE NOT paused`);
    await q.query(`
      CREATE TABLE sync_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        trigger text NOT NULL CHECK (trigger IN ('SCHEDULE', 'MANUAL')),
        attempts integer NOT NULL DEFAULT 0,
        queued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        fetched integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        deleted integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        api_calls integer NOT NULL DEFAULT 0,
        error text,
        checkpoint jsonb
      )`);
    await q.query(`CREATE INDEX sync_run_connection_idx ON sync_run (account_id, connection_id, queued_at DESC)`);
    // At most one queued-or-running run per connection: the database, not a lock in code, keeps runs apart.
    await q.query(
      `CREATE UNIQUE INDEX sync_run_one_active_idx ON sync_run (connection_id) WHERE status IN ('QUEUED', 'RUNNING')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sync_run`);
    await q.query(`DROP TABLE connection`);
    await q.query(`DROP TABLE api_key`);
    await q.query(`DROP TABLE account`);
  }
}
