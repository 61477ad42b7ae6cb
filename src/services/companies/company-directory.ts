import type { DataSource, EntityManager } from "typeorm";
import { getDomain } from "tldts";
import ipaddr from "ipaddr.js";
import { AccountScope } from "../../db/account-scope";
import { NotFoundError, ValidationError } from "../../errors";
import { factorOf } from "./scoring-sql";
import type { ScoringService } from "./scoring-service";
import { poolSql, Sql } from "../../db/sql";

/** A company as a CRM or an upload describes it. */
export interface CompanyFacts {
  name?: string | null;
  /** A website or a domain; reduced to its registrable domain. */
  website?: string | null;
  domains?: string[];
  ipRanges?: string[];
  employees?: number | null;
  industry?: string | null;
  country?: string | null;
  region?: string | null;
  subRegion?: string | null;
}

export interface CrmAccount extends CompanyFacts {
  crmId: string;
  /** Every field the CRM sent, kept private to the account. */
  fields: Record<string, unknown>;
}

const FACTS = ["name", "employees", "industry", "country", "region", "sub_region"] as const;

/**
 * The advisory lock key a merge holds exclusively and the storing of web events shared (EventIngestion), so no
 * batch identified before a merge counts for the merged company after it. Taken before the `company_domain` lock,
 * by everyone who takes both.
 */
export const MERGE_LOCK = `hashtext('company_merge')`;

/** The registrable domain of a website, URL or domain ("https://www.Acme.co.uk/x" → "acme.co.uk"). */
export function domainOf(website: string | null | undefined): string | null {
  if (!website) return null;
  const text = website.trim().toLowerCase();
  if (!text) return null;
  const host = text.replace(/^[a-z]+:\/\//, "").split(/[/?#:]/)[0];
  return getDomain(host) ?? null;
}

/** A CIDR range in canonical form ("10.1.2.3/16" → "10.1.0.0/16"), or a ValidationError. */
export function rangeOf(text: string): string {
  try {
    const [address, bits] = ipaddr.parseCIDR(text.trim());
    const bytes = address.toByteArray();
    const total = bytes.length * 8;
    for (let bit = bits; bit < total; bit++) bytes[bit >> 3] &= ~(0x80 >> (bit & 7));
    return `${ipaddr.fromByteArray(bytes).toString()}/${bits}`;
  } catch {
    throw new ValidationError(`ip range ${text}: a CIDR range such as 203.0.113.0/24`);
  }
}

/**
 * The shared company catalogue: one row per real company, whichever accounts see it. A registrable domain belongs
 * to one company, so anything arriving with a known domain joins that company, and a CRM account that turns out to
 * share a domain with another company is merged into it. Writes that could create a company for the same domain
 * at once serialise on one advisory lock, so no domain ever gets two companies.
 */
export class CompanyDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scoring: ScoringService,
  ) {}

  /**
   * The company of each of these domains, creating one (named after the domain) for each that has none; `sql` when
   * the caller holds a transaction (the directory's lock is then held until it commits).
   */
  async companiesOfDomains(domains: string[], sql?: Sql): Promise<Map<string, string>> {
    const run = sql ?? poolSql(this.dataSource);
    const found = await run<{ domain: string; company_id: string }>(`SELECT domain, company_id FROM company_domain WHERE domain = ANY($1::text[])`, [domains]);
    const companies = new Map(found.map((r) => [r.domain, r.company_id]));
    const missing = domains.filter((d) => !companies.has(d));
    if (!missing.length) return companies;
    const create = async (run: Sql) => {
      await run(`SELECT pg_advisory_xact_lock(hashtext('company_domain'))`);
      // After the lock: what a concurrent writer created meanwhile is read, not created again.
      return run<{ domain: string; company_id: string }>(
        `WITH todo AS (SELECT d FROM unnest($1::text[]) d WHERE NOT EXISTS (SELECT 1 FROM company_domain x WHERE x.domain = d)),
              created AS (
                INSERT INTO company (name, domains, provenance)
                SELECT initcap(split_part(d, '.', 1)), ARRAY[d], jsonb_build_object('name', jsonb_build_object('source', 'web activity', 'at', now()))
                  FROM todo RETURNING id, domains[1] AS domain),
              linked AS (INSERT INTO company_domain (domain, company_id) SELECT domain, id FROM created RETURNING domain, company_id)
         SELECT domain, company_id FROM linked
         UNION ALL SELECT domain, company_id FROM company_domain WHERE domain = ANY($1::text[])`,
        [missing],
      );
    };
    const rows = sql ? await create(sql) : await this.dataSource.transaction((m) => create((text, params) => m.query(text, params)));
    for (const r of rows) companies.set(r.domain, r.company_id);
    return companies;
  }

  /** The surviving company of an id (merged companies resolve to the one they were merged into). */
  async resolve(id: string): Promise<string | null> {
    const rows: { id: string; merged_into: string | null }[] = await this.dataSource.query(
      `SELECT id, merged_into FROM company WHERE id::text = $1`,
      [id],
    );
    if (!rows.length) return null;
    return rows[0].merged_into ?? rows[0].id;
  }

  /**
   * CRM accounts of one connection into companies: each keeps its company across runs (by CRM id), joins the
   * company that owns its domain, or creates one. Shared facts only fill what the company lacks, with their source;
   * every CRM field stays in `account_company_crm`, private to the account. Returns company ids by CRM id.
   */
  async upsertCrmAccounts(scope: AccountScope, connectionId: string, source: string, accounts: CrmAccount[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const merges: [string, string][] = [];
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('company_domain'))`);
      for (const a of accounts) {
        const domain = domainOf(a.website) ?? null;
        const [linked] = await m.query(
          `SELECT company_id FROM account_company_crm WHERE account_id = $1 AND connection_id = $2 AND crm_id = $3`,
          [scope.accountId, connectionId, a.crmId],
        );
        const [owner] = domain ? await m.query(`SELECT company_id FROM company_domain WHERE domain = $1`, [domain]) : [];
        let companyId: string = linked?.company_id ?? owner?.company_id;
        if (linked && owner && linked.company_id !== owner.company_id) {
          merges.push([owner.company_id, linked.company_id]);
          companyId = owner.company_id;
        }
        if (!companyId) companyId = await this.create(m, a.name || domain || a.crmId, source);
        if (domain && !owner) await this.addDomain(m, companyId, domain, source);
        await this.fillFacts(m, companyId, a, source, false);
        await m.query(
          `INSERT INTO account_company_crm (account_id, connection_id, crm_id, company_id, fields) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (account_id, connection_id, crm_id) DO UPDATE SET company_id = excluded.company_id, fields = excluded.fields, synced_at = now()`,
          [scope.accountId, connectionId, a.crmId, companyId, JSON.stringify(a.fields)],
        );
        await this.link(m, scope.accountId, companyId);
        result.set(a.crmId, companyId);
      }
    });
    for (const [keep, merge] of merges) await this.merge(scope, keep, merge, false);
    return result;
  }

  /** CRM records the source deleted: the account's private copy goes; the company stays (others may know it). */
  async removeCrmAccounts(scope: AccountScope, connectionId: string, crmIds: string[]): Promise<void> {
    await scope.query(`DELETE FROM account_company_crm WHERE account_id = $1 AND connection_id = $2 AND crm_id = ANY($3::text[])`, [connectionId, crmIds]);
  }

  /** Company ids of the account's CRM records (for contacts that name their CRM account). */
  async companiesOfCrmIds(scope: AccountScope, connectionId: string, crmIds: string[]): Promise<Map<string, string>> {
    const rows = await scope.query<{ crm_id: string; company_id: string }>(
      `SELECT crm_id, company_id FROM account_company_crm WHERE account_id = $1 AND connection_id = $2 AND crm_id = ANY($3::text[])`,
      [connectionId, crmIds],
    );
    return new Map(rows.map((r) => [r.crm_id, r.company_id]));
  }

  /**
   * Companies from an upload, keyed by domain (a row without a domain is refused): a known domain updates its
   * company (the upload's values win, with their source), an unknown one creates it; IP ranges move to the company
   * that lists them last. Every company is linked to the account.
   */
  async importCompanies(scope: AccountScope, source: string, rows: CompanyFacts[]): Promise<number> {
    let n = 0;
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('company_domain'))`);
      for (const row of rows) {
        const domains = [...new Set([...(row.domains ?? []), row.website ?? ""].map(domainOf).filter((d): d is string => !!d))];
        if (!domains.length) throw new ValidationError(`company ${row.name ?? "(no name)"}: a domain or website is required`);
        const owners: { company_id: string }[] = await m.query(`SELECT DISTINCT company_id FROM company_domain WHERE domain = ANY($1::text[])`, [domains]);
        const companyId = owners[0]?.company_id ?? (await this.create(m, row.name || domains[0], source));
        for (const d of domains) await this.addDomain(m, companyId, d, source);
        await this.fillFacts(m, companyId, row, source, true);
        for (const r of row.ipRanges ?? []) {
          await m.query(
            `WITH saved AS (
               INSERT INTO company_ip_range (range, company_id) VALUES ($1::cidr, $2) ON CONFLICT (range) DO UPDATE SET company_id = excluded.company_id
             )
             INSERT INTO company_ip_prefix (family, length) VALUES (family($1::cidr), masklen($1::cidr)) ON CONFLICT DO NOTHING`,
            [rangeOf(r), companyId],
          );
        }
        await this.link(m, scope.accountId, companyId);
        n++;
      }
    });
    await this.scoring.recomputeFactors(scope);
    return n;
  }

  /**
   * Merges company `merge` into `keep`: domains, ranges, aliases and missing facts move to `keep`, every account's
   * signals, score and CRM records follow, and `merge` keeps resolving to `keep`. The caller's account must know
   * both (`checkAccess`), since the shared record changes for every account.
   */
  async merge(scope: AccountScope, keepId: string, mergeId: string, checkAccess = true): Promise<string> {
    const keep = await this.resolve(keepId);
    const merge = await this.resolve(mergeId);
    if (!keep) throw new NotFoundError(`company ${keepId} not found`);
    if (!merge) throw new NotFoundError(`company ${mergeId} not found`);
    if (keep === merge) return keep;
    if (checkAccess) {
      const known = await scope.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM account_company WHERE account_id = $1 AND company_id = ANY($2::uuid[])`,
        [[keep, merge]],
      );
      if (known[0].n < 2) throw new NotFoundError("both companies must be known to this account");
    }
    const accounts: { account_id: string }[] = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(${MERGE_LOCK}), pg_advisory_xact_lock(hashtext('company_domain'))`);
      await m.query(`UPDATE company_domain SET company_id = $1 WHERE company_id = $2`, [keep, merge]);
      await m.query(`UPDATE company_ip_range SET company_id = $1 WHERE company_id = $2`, [keep, merge]);
      await m.query(
        `UPDATE company k SET
           aliases = ARRAY(SELECT DISTINCT a FROM unnest(k.aliases || m.aliases || ARRAY[m.name]) a WHERE a <> k.name ORDER BY a),
           domains = ARRAY(SELECT DISTINCT d FROM unnest(k.domains || m.domains) d ORDER BY d),
           employees = coalesce(k.employees, m.employees), industry = coalesce(k.industry, m.industry),
           country = coalesce(k.country, m.country), region = coalesce(k.region, m.region), sub_region = coalesce(k.sub_region, m.sub_region),
           provenance = m.provenance || k.provenance, updated_at = now()
          FROM company m WHERE k.id = $1 AND m.id = $2`,
        [keep, merge],
      );
      const linked = await m.query(`SELECT account_id FROM account_company WHERE company_id = $1`, [merge]);
      await m.query(
        `INSERT INTO account_company AS ac (account_id, company_id, anchor, factor, rank_key, noise, first_seen_at)
         SELECT account_id, $1, anchor, factor, rank_key, noise, first_seen_at FROM account_company WHERE company_id = $2
         ON CONFLICT (account_id, company_id) DO UPDATE SET anchor = ac.anchor + excluded.anchor,
           rank_key = (ac.anchor + excluded.anchor) * ac.factor, first_seen_at = least(ac.first_seen_at, excluded.first_seen_at)`,
        [keep, merge],
      );
      await m.query(`DELETE FROM account_company WHERE company_id = $1`, [merge]);
      await m.query(
        `INSERT INTO company_daily_signal AS s (account_id, company_id, day, visits, clicks, contacts, form_submissions, chats, extra)
         SELECT account_id, $1, day, visits, clicks, contacts, form_submissions, chats, extra FROM company_daily_signal WHERE company_id = $2
         ON CONFLICT (account_id, company_id, day) DO UPDATE SET visits = s.visits + excluded.visits, clicks = s.clicks + excluded.clicks,
           contacts = s.contacts + excluded.contacts, form_submissions = s.form_submissions + excluded.form_submissions, chats = s.chats + excluded.chats,
           extra = (SELECT coalesce(jsonb_object_agg(k, coalesce((s.extra->>k)::int, 0) + coalesce((excluded.extra->>k)::int, 0)), '{}')
                      FROM jsonb_object_keys(s.extra || excluded.extra) k)`,
        [keep, merge],
      );
      await m.query(`DELETE FROM company_daily_signal WHERE company_id = $1`, [merge]);
      await m.query(`UPDATE account_company_crm SET company_id = $1 WHERE company_id = $2`, [keep, merge]);
      await m.query(`UPDATE noise_rule SET company_id = $1 WHERE company_id = $2`, [keep, merge]);
      await m.query(`UPDATE company SET merged_into = $1, domains = '{}', updated_at = now() WHERE id = $2 OR merged_into = $2`, [keep, merge]);
      return linked;
    });
    // Rules may match the merged record differently (it has more facts now).
    for (const { account_id } of accounts) await this.scoring.recomputeFactors(AccountScope.of(this.dataSource, account_id));
    await this.scoring.recomputeFactors(scope);
    return keep;
  }

  private async create(m: EntityManager, name: string, source: string): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO company (name, provenance) VALUES ($1, jsonb_build_object('name', jsonb_build_object('source', $2::text, 'at', now()))) RETURNING id`,
      [name, source],
    );
    return row.id;
  }

  private async addDomain(m: EntityManager, companyId: string, domain: string, source: string): Promise<void> {
    const [row] = await m.query(`INSERT INTO company_domain (domain, company_id) VALUES ($1, $2) ON CONFLICT (domain) DO NOTHING RETURNING domain`, [domain, companyId]);
    if (!row) return; // another company's already: a merge decides, not an upload
    await m.query(
      `UPDATE company SET domains = array_append(domains, $2), provenance = provenance || jsonb_build_object('domains', jsonb_build_object('source', $3::text, 'at', now()))
        WHERE id = $1`,
      [companyId, domain, source],
    );
  }

  /** Writes facts with their source: all given ones (`override`), or only those the company lacks. */
  private async fillFacts(m: EntityManager, companyId: string, facts: CompanyFacts, source: string, override: boolean): Promise<void> {
    const given: Record<(typeof FACTS)[number], unknown> = {
      name: facts.name || null,
      employees: Number.isFinite(facts.employees) ? facts.employees : null,
      industry: facts.industry || null,
      country: facts.country || null,
      region: facts.region || null,
      sub_region: facts.subRegion || null,
    };
    const [current] = await m.query(`SELECT name, employees, industry, country, region, sub_region FROM company WHERE id = $1`, [companyId]);
    const changed = FACTS.filter((f) => given[f] !== null && (override ? current[f] !== given[f] : current[f] === null));
    if (!changed.length) return;
    const at = new Date().toISOString();
    const provenance = Object.fromEntries(changed.map((f) => [f, { source, at }]));
    await m.query(
      `UPDATE company SET ${changed.map((f, i) => `${f} = $${i + 3}`).join(", ")}, provenance = provenance || $2::jsonb, updated_at = now() WHERE id = $1`,
      [companyId, JSON.stringify(provenance), ...changed.map((f) => given[f])],
    );
  }

  private async link(m: EntityManager, accountId: string, companyId: string): Promise<void> {
    await m.query(
      `INSERT INTO account_company (account_id, company_id, factor)
       SELECT $1, c.id, ${factorOf("$1")} FROM company c WHERE c.id = $2
       ON CONFLICT (account_id, company_id) DO NOTHING`,
      [accountId, companyId],
    );
  }
}
