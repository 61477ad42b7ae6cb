import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Company intelligence.
 *
 * `company` is one real company, shared by every account: the facts (name, aliases, domains, IP ranges, size,
 * industry, place) with per-field provenance (which source said it, when). A merged company keeps its row with
 * `merged_into` set, so its id keeps resolving to the survivor. `company_domain` and `company_ip_range` are its
 * lookup keys: a registrable domain belongs to one company (which is what merges a CRM account and a company seen
 * on the website into one), and ranges carry a GiST index (`inet_ops`) for the longest-prefix match.
 *
 * What an account knows of a company stays the account's: `account_company` (its score, noise flag) and
 * `account_company_crm` (the CRM records it synced, private fields and all). Scores are materialised as an anchor:
 * the sum of weighted signals, each scaled by 2^((day − 2026-01-01) / half-life), so the decay of time changes
 * every company's score by the same factor and never reorders them; `rank_key` = anchor × the product of the
 * matching rules' boosts is what lists sort by. Ingestion adds to the anchor in the statement that adds the
 * signals; only a change of rules or weights recomputes scores.
 *
 * `web_event` archives raw activity with how it was identified, so events can be re-identified later;
 * `company_daily_signal` and `unknown_daily_signal` are the per-day sums ingestion maintains (one
 * `INSERT … ON CONFLICT DO UPDATE` per batch, no read-then-write).
 */
export class Companies1764000700000 implements MigrationInterface {
  name = "Companies1764000700000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE company (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        domains text[] NOT NULL DEFAULT '{}',
        employees integer,
        industry text,
        country text,
        region text,
        sub_region text,
        provenance jsonb NOT NULL DEFAULT '{}',
        merged_into uuid REFERENCES company(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX company_name ON company (lower(name))`);
    await q.query(`
      CREATE TABLE company_domain (
        domain text PRIMARY KEY,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX company_domain_company ON company_domain (company_id)`);
    await q.query(`
      CREATE TABLE company_ip_range (
        range cidr PRIMARY KEY,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX company_ip_range_company ON company_ip_range (company_id)`);
    // The prefix lengths in use per address family: identification probes only these, each an equality lookup.
    await q.query(`
      CREATE TABLE company_ip_prefix (
        family integer NOT NULL,
        length integer NOT NULL,
        PRIMARY KEY (family, length)
      )`);
    await q.query(`
      CREATE TABLE account_company (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        anchor double precision NOT NULL DEFAULT 0,
        factor double precision NOT NULL DEFAULT 1,
        rank_key double precision NOT NULL DEFAULT 0,
        noise boolean NOT NULL DEFAULT false,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, company_id)
      )`);
    await q.query(`CREATE INDEX account_company_rank ON account_company (account_id, rank_key DESC, company_id)`);
    await q.query(`CREATE INDEX account_company_company ON account_company (company_id)`);
    // The facts lists filter on, copied beside the rank (lowercased) so "top 50 in retail in France" walks the rank
    // index and reads no other table until the 50 are found; triggers keep the copies equal to the company's.
    await q.query(`ALTER TABLE account_company ADD COLUMN industry text, ADD COLUMN country text, ADD COLUMN region text, ADD COLUMN employees integer`);
    await q.query(`
      CREATE FUNCTION account_company_facts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT lower(c.industry), lower(c.country), lower(c.region), c.employees
          INTO NEW.industry, NEW.country, NEW.region, NEW.employees FROM company c WHERE c.id = NEW.company_id;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER account_company_facts BEFORE INSERT ON account_company FOR EACH ROW EXECUTE FUNCTION account_company_facts()`);
    await q.query(`
      CREATE FUNCTION company_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE account_company SET industry = lower(NEW.industry), country = lower(NEW.country), region = lower(NEW.region), employees = NEW.employees
         WHERE company_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER company_facts_changed AFTER UPDATE OF industry, country, region, employees ON company FOR EACH ROW
      WHEN (OLD.industry IS DISTINCT FROM NEW.industry OR OLD.country IS DISTINCT FROM NEW.country
            OR OLD.region IS DISTINCT FROM NEW.region OR OLD.employees IS DISTINCT FROM NEW.employees)
      EXECUTE FUNCTION company_facts_changed()`);
    await q.query(`
      CREATE TABLE account_company_crm (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        crm_id text NOT NULL,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        fields jsonb NOT NULL,
        synced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, connection_id, crm_id)
      )`);
    await q.query(`CREATE INDEX account_company_crm_company ON account_company_crm (account_id, company_id)`);
    await q.query(`
      CREATE TABLE web_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        event_id text,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        ip inet,
        email text,
        domain text,
        payload jsonb NOT NULL DEFAULT '{}',
        company_id uuid,
        identified_by text NOT NULL,
        noise_rule_id uuid,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX web_event_id ON web_event (account_id, event_id) WHERE event_id IS NOT NULL`);
    await q.query(`CREATE INDEX web_event_time ON web_event (account_id, occurred_at)`);
    await q.query(`
      CREATE TABLE company_daily_signal (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        day date NOT NULL,
        visits integer NOT NULL DEFAULT 0,
        clicks integer NOT NULL DEFAULT 0,
        contacts integer NOT NULL DEFAULT 0,
        form_submissions integer NOT NULL DEFAULT 0,
        chats integer NOT NULL DEFAULT 0,
        extra jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (account_id, company_id, day)
      )`);
    await q.query(`CREATE INDEX company_daily_signal_day ON company_daily_signal (account_id, day)`);
    await q.query(`
      CREATE TABLE unknown_daily_signal (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        day date NOT NULL,
        reason text NOT NULL,
        events integer NOT NULL,
        PRIMARY KEY (account_id, day, reason)
      )`);
    await q.query(`
      CREATE TABLE score_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        field text NOT NULL,
        value text NOT NULL,
        boost_by double precision NOT NULL CHECK (boost_by >= -1),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, field, value)
      )`);
    await q.query(`
      CREATE TABLE scoring_settings (
        account_id uuid PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        weights jsonb NOT NULL,
        half_life_days double precision NOT NULL CHECK (half_life_days > 0)
      )`);
    await q.query(`
      CREATE TABLE noise_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        domain text,
        ip_range cidr,
        company_id uuid REFERENCES company(id) ON DELETE CASCADE,
        reason text NOT NULL,
        source text NOT NULL,
        hits bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        undone_at timestamptz,
        CHECK (num_nonnulls(domain, ip_range, company_id) = 1)
      )`);
    await q.query(`CREATE INDEX noise_rule_active ON noise_rule (account_id) WHERE undone_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER company_facts_changed ON company`);
    await q.query(`DROP TABLE noise_rule, scoring_settings, score_rule, unknown_daily_signal, company_daily_signal, web_event,
      account_company_crm, account_company, company_ip_prefix, company_ip_range, company_domain, company`);
    await q.query(`DROP FUNCTION account_company_facts(), company_facts_changed()`);
  }
}
