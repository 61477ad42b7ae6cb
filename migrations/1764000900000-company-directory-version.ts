import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Ingestion identifies events in the server process, from caches of `company_domain` and `company_ip_range`
 * (CompanyLookup), instead of probing both indexes per event inside the batch statement. `company_directory_version`
 * is what keeps every process's caches true: one row of two counters, moved by statement triggers.
 *
 * - `domains` moves when a domain changes company or goes (a merge, a deleted company). A new domain does not move
 *   it: the caches hold only domains found, never "no company", so a domain added later is simply found later.
 * - `ranges` moves on any change of a range: a new range can be the narrowest match of an address the cache
 *   answered with another company or with none.
 *
 * A process reads the row before each batch and drops the cache whose counter moved. The counters are rows, not
 * sequences, on purpose: a sequence moves before its transaction commits, and a process reloading in between would
 * keep the old answers under the new number. Writers of ranges queue on the row until they commit; they already
 * queue on the directory's advisory lock.
 */
export class CompanyDirectoryVersion1764000900000 implements MigrationInterface {
  name = "CompanyDirectoryVersion1764000900000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE company_directory_version (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        domains bigint NOT NULL DEFAULT 0,
        ranges bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO company_directory_version DEFAULT VALUES`);
    for (const counter of ["domains", "ranges"]) {
      await q.query(`
        CREATE FUNCTION company_${counter}_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
          UPDATE company_directory_version SET ${counter} = ${counter} + 1;
          RETURN NULL;
        END $$`);
    }
    await q.query(`
      CREATE TRIGGER company_domain_changed AFTER UPDATE OR DELETE ON company_domain
        FOR EACH STATEMENT EXECUTE FUNCTION company_domains_changed()`);
    await q.query(`
      CREATE TRIGGER company_ip_range_changed AFTER INSERT OR UPDATE OR DELETE ON company_ip_range
        FOR EACH STATEMENT EXECUTE FUNCTION company_ranges_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER company_ip_range_changed ON company_ip_range`);
    await q.query(`DROP TRIGGER company_domain_changed ON company_domain`);
    await q.query(`DROP FUNCTION company_ranges_changed(), company_domains_changed()`);
    await q.query(`DROP TABLE company_directory_version`);
  }
}
