import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The high-volume tables (customers, their attributes, counts and archive, sync records) lose their foreign keys:
 * a foreign key checks every inserted row against its parent with a row lock, which cost a synced page more than
 * its own inserts (4,000 attribute rows, 4,000 lookups of their customer) and made concurrent writers of one
 * account share a lock on its row. Rows reach these tables only through the services, whose scope supplies the
 * account and which create the customer first, so what the keys still gave is their cascades: those are
 * statement-level triggers here, one set-based delete per deleting statement instead of a lookup per insert.
 */
export class BulkCascades1764000300000 implements MigrationInterface {
  name = "BulkCascades1764000300000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer DROP CONSTRAINT customer_account_id_fkey`);
    await q.query(`ALTER TABLE customer_event DROP CONSTRAINT customer_event_account_id_fkey`);
    await q.query(`ALTER TABLE customer_attribute DROP CONSTRAINT customer_attribute_account_id_customer_id_fkey`);
    await q.query(`ALTER TABLE customer_event_count DROP CONSTRAINT customer_event_count_account_id_customer_id_fkey`);
    await q.query(`ALTER TABLE sync_record DROP CONSTRAINT sync_record_account_id_fkey`);
    await q.query(`ALTER TABLE sync_record DROP CONSTRAINT sync_record_connection_id_fkey`);
    await onDelete(q, "account", [
      `DELETE FROM sync_record WHERE account_id IN (SELECT id FROM gone)`,
      `DELETE FROM customer_event WHERE account_id IN (SELECT id FROM gone)`,
      `DELETE FROM customer WHERE account_id IN (SELECT id FROM gone)`,
    ]);
    await onDelete(q, "customer", [
      `DELETE FROM customer_attribute a USING gone g WHERE a.account_id = g.account_id AND a.customer_id = g.id`,
      `DELETE FROM customer_event_count n USING gone g WHERE n.account_id = g.account_id AND n.customer_id = g.id`,
    ]);
    await onDelete(q, "connection", [
      `DELETE FROM sync_record s USING gone g WHERE s.account_id = g.account_id AND s.connection_id = g.id`,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["connection", "customer", "account"]) {
      await q.query(`DROP TRIGGER ${table}_deleted ON ${table}`);
      await q.query(`DROP FUNCTION ${table}_deleted()`);
    }
    await q.query(`ALTER TABLE sync_record ADD FOREIGN KEY (connection_id) REFERENCES connection(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE sync_record ADD FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE`);
    await q.query(`
      ALTER TABLE customer_event_count ADD FOREIGN KEY (account_id, customer_id) REFERENCES customer(account_id, id) ON DELETE CASCADE`);
    await q.query(`
      ALTER TABLE customer_attribute ADD FOREIGN KEY (account_id, customer_id) REFERENCES customer(account_id, id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE customer_event ADD FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE customer ADD FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE`);
  }
}

/**
 * `<table>_deleted`: after each DELETE on `table`, runs `statements` once, with the deleted rows as `gone`. The
 * function keeps the schema it was created in, whatever the deleting session's search_path.
 */
export async function onDelete(q: QueryRunner, table: string, statements: string[]): Promise<void> {
  await q.query(`
    CREATE FUNCTION ${table}_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      ${statements.join(";\n      ")};
      RETURN NULL;
    END $$`);
  await q.query(`
    CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS gone
      FOR EACH STATEMENT EXECUTE FUNCTION ${table}_deleted()`);
}
