import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A customer created whole by one item (a synced record's first version) keeps that item's (timestamp, arrival)
 * once, as its base version, instead of one customer_attribute row per attribute: every live attribute without
 * a row of its own carries the base version. A first sync writes three rows per record instead of seven.
 * NULL means every attribute has its row (customers built by the general fold, and every customer after a
 * rebuild).
 */
export class CustomerBaseVersion1764000400000 implements MigrationInterface {
  name = "CustomerBaseVersion1764000400000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer ADD COLUMN base_ts bigint, ADD COLUMN base_arrival bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Give the base-versioned attributes their rows back before the base goes.
    await q.query(`
      INSERT INTO customer_attribute (account_id, customer_id, key, value, ts, arrival)
      SELECT c.account_id, c.id, a.key, a.value, c.base_ts, c.base_arrival
        FROM customer c CROSS JOIN LATERAL jsonb_each_text(c.attributes) a
       WHERE c.base_ts IS NOT NULL
      ON CONFLICT DO NOTHING`);
    await q.query(`ALTER TABLE customer DROP COLUMN base_ts, DROP COLUMN base_arrival`);
  }
}
