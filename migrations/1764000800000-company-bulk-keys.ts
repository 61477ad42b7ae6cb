import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The tables web-event ingestion writes per event or per (company, day) lose their per-row foreign keys, as the
 * customer tables did in BulkCascades1764000300000: every archived event looked up its account with a row lock
 * (`FOR KEY SHARE`), so concurrent uploads of one account shared a lock on the same row (a multixact per batch),
 * and every new daily signal did the same to its company. Rows reach these tables only through EventIngestion,
 * whose scope supplies the account and whose companies exist before their events are counted; the account's
 * cascade becomes part of its statement-level delete trigger.
 */
export class CompanyBulkKeys1764000800000 implements MigrationInterface {
  name = "CompanyBulkKeys1764000800000";

  async up(q: QueryRunner): Promise<void> {
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
    await q.query(`
      CREATE FUNCTION company_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        DELETE FROM company_daily_signal s USING gone g WHERE s.company_id = g.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER company_deleted AFTER DELETE ON company REFERENCING OLD TABLE AS gone
        FOR EACH STATEMENT EXECUTE FUNCTION company_deleted()`);
  }

  async down(q: QueryRunner): Promise<void> {
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
