import { MigrationInterface, QueryRunner } from "typeorm";
import { onDelete } from "./1764000300000-bulk-cascades";

/**
 * The write path of web-event ingestion, made cheaper per event without changing what is stored.
 *
 * Scores: the rank index holds a coarse bucket of rank_key (`score_bucket`, steps of 1/16 in ln, about 6.5%)
 * instead of rank_key itself, and the table keeps room on its pages (fillfactor 70). An event moves a company's
 * score by far less than a step, so the update changes no indexed column and PostgreSQL makes it a HOT update:
 * a new row version on the same page and no index entries, about a quarter of the cost of an update that moves
 * three index entries. Readers order by (rank_bucket, rank_key, company_id): the bucket is monotonic in rank_key,
 * so the order is exactly rank_key's, and PostgreSQL's incremental sort orders each bucket as the index walk
 * reaches it. Daily signals keep room as well (fillfactor 80), so counting into today's rows stays HOT too.
 *
 * Foreign keys: the tables ingestion writes per event or per (company, day) lose their per-row foreign keys, as the
 * customer tables did in BulkCascades1764000300000: every archived event looked up its account with a row lock
 * (`FOR KEY SHARE`), so concurrent uploads of one account shared a lock on the same row (a multixact per batch),
 * and every new daily signal did the same to its company. Rows reach these tables only through EventIngestion,
 * whose scope supplies the account and whose companies exist before their events are counted; the account's
 * cascade becomes part of its statement-level delete trigger.
 */
export class CompanyWritePath1764000800000 implements MigrationInterface {
  name = "CompanyWritePath1764000800000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION score_bucket(float8) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE WHEN $1 > 0 THEN floor(ln($1) * 16)::integer ELSE -2147483648 END $$`);
    await q.query(`ALTER TABLE account_company ADD COLUMN rank_bucket integer GENERATED ALWAYS AS (score_bucket(rank_key)) STORED`);
    await q.query(`DROP INDEX account_company_rank`);
    await q.query(`CREATE INDEX account_company_rank ON account_company (account_id, rank_bucket DESC)`);
    await q.query(`ALTER TABLE account_company SET (fillfactor = 70)`);
    await q.query(`ALTER TABLE company_daily_signal SET (fillfactor = 80)`);
    await q.query(`ALTER TABLE web_event DROP CONSTRAINT web_event_account_id_fkey`);
    await q.query(`ALTER TABLE company_daily_signal DROP CONSTRAINT company_daily_signal_account_id_fkey`);
    await q.query(`ALTER TABLE company_daily_signal DROP CONSTRAINT company_daily_signal_company_id_fkey`);
    await q.query(`ALTER TABLE unknown_daily_signal DROP CONSTRAINT unknown_daily_signal_account_id_fkey`);
    await q.query(`
      CREATE OR REPLACE FUNCTION account_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        DELETE FROM sync_record WHERE account_id IN (SELECT id FROM gone);
        DELETE FROM customer_event WHERE account_id IN (SELECT id FROM gone);
        DELETE FROM customer WHERE account_id IN (SELECT id FROM gone);
        DELETE FROM web_event WHERE account_id IN (SELECT id FROM gone);
        DELETE FROM company_daily_signal WHERE account_id IN (SELECT id FROM gone);
        DELETE FROM unknown_daily_signal WHERE account_id IN (SELECT id FROM gone);
        RETURN NULL;
      END $$`);
    await onDelete(q, "company", [`DELETE FROM company_daily_signal s USING gone g WHERE s.company_id = g.id`]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE company_daily_signal RESET (fillfactor)`);
    await q.query(`ALTER TABLE account_company RESET (fillfactor)`);
    await q.query(`DROP INDEX account_company_rank`);
    await q.query(`ALTER TABLE account_company DROP COLUMN rank_bucket`);
    await q.query(`DROP FUNCTION score_bucket(float8)`);
    await q.query(`CREATE INDEX account_company_rank ON account_company (account_id, rank_key DESC, company_id)`);
    await q.query(`DROP TRIGGER company_deleted ON company`);
    await q.query(`DROP FUNCTION company_deleted()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION account_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        DELETE FROM sync_record WHERE account_id IN (SELECT id FROM gone);
        DELETE FROM customer_event WHERE account_id IN (SELECT id FROM gone);
        DELETE FROM customer WHERE account_id IN (SELECT id FROM gone);
        RETURN NULL;
      END $$`);
    await q.query(`ALTER TABLE unknown_daily_signal ADD FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE company_daily_signal ADD FOREIGN KEY (company_id) REFERENCES company(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE company_daily_signal ADD FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE web_event ADD FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE`);
  }
}
