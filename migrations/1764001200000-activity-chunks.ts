import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Imports archive their lines chunk by chunk inside their one transaction, through a session-local table
 * (`activity_chunk`, ActivityBatch), instead of staging the whole file first: the shared unlogged staging table
 * has no writer left.
 */
export class ActivityChunks1764001200000 implements MigrationInterface {
  name = "ActivityChunks1764001200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_stage`);
  }

  async down(q: QueryRunner): Promise<void> {
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
  }
}
