import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Ingestion identifies events in the server process, from a cache of `company_domain` and `company_ip_range`
 * (CompanyLookup): an index probe per event was a quarter of the batch statement. `company_directory_change` is
 * what keeps every process's cache true: each statement that adds, moves or removes a domain or a range appends the
 * keys it touched, and a process evicts them before its next batch. Rows older than a day are pruned (the newest
 * is always kept, so a process idle for longer sees that it missed some and drops its whole cache).
 */
export class CompanyDirectoryChanges1764000900000 implements MigrationInterface {
  name = "CompanyDirectoryChanges1764000900000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE company_directory_change (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        domain text,
        range cidr,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX company_directory_change_at ON company_directory_change (changed_at)`);
    // Transition tables allow one event per trigger: insert and delete share a function over `changed`.
    for (const [table, key] of [
      ["company_domain", "domain"],
      ["company_ip_range", "range"],
    ]) {
      await q.query(`
        CREATE FUNCTION ${table}_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
          INSERT INTO company_directory_change (${key}) SELECT DISTINCT ${key} FROM changed;
          DELETE FROM company_directory_change
           WHERE changed_at < now() - interval '1 day' AND seq < (SELECT max(seq) FROM company_directory_change);
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE TRIGGER ${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed()`);
      await q.query(`
        CREATE TRIGGER ${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed()`);
      // An update moves a key to another company (a merge, an upload claiming a range): the new rows name the keys.
      await q.query(`
        CREATE TRIGGER ${table}_updated AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["company_domain", "company_ip_range"]) {
      for (const event of ["inserted", "deleted", "updated"]) await q.query(`DROP TRIGGER ${table}_${event} ON ${table}`);
      await q.query(`DROP FUNCTION ${table}_changed()`);
    }
    await q.query(`DROP TABLE company_directory_change`);
  }
}
