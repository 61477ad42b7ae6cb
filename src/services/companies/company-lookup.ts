import type { DataSource } from "typeorm";
import ipaddr from "ipaddr.js";

/** How an event found its company. */
export type Identified = { companyId: string; by: "domain" | "ip" } | null;

/** What identification reads of an event: the domain only when it may name a company (not free mail, not noise). */
export interface LookupKey {
  domain: string | null;
  ip: string | null;
}

/** Runs one statement: the pool's, or a transaction's when the caller holds one (the embedded database has one connection). */
export type Sql = <R>(sql: string, params?: unknown[]) => Promise<R[]>;

/** Entries either cache may hold before it starts again (about 100 bytes each). */
const MAX_ENTRIES = 2_000_000;

/** `ip` (canonical, as parseWebEvent gives it) reduced to its first `length` bits, as CIDR text. */
export function networkOf(ip: string, length: number): string {
  if (!ip.includes(":")) {
    const [a, b, c, d] = ip.split(".").map(Number);
    const bits = length === 0 ? 0 : (((a << 24) | (b << 16) | (c << 8) | d) & (-1 << (32 - length))) >>> 0;
    return `${bits >>> 24}.${(bits >>> 16) & 255}.${(bits >>> 8) & 255}.${bits & 255}/${length}`;
  }
  const bytes = ipaddr.parse(ip).toByteArray();
  for (let bit = length; bit < 128; bit++) bytes[bit >> 3] &= ~(0x80 >> (bit & 7));
  return `${ipaddr.fromByteArray(bytes).toString()}/${length}`;
}

/**
 * Which company an event belongs to, answered in this process: the email's registrable domain first (a person's
 * address says more than the network they browse from), then the narrowest of the company ranges holding the
 * address (probing the prefix lengths in use, longest first). Domains and networks are cached with their answer,
 * "none" included; what a batch meets for the first time is read in one query. Corporate domains no company has
 * yet get one (`createDomains`). Before every batch the cache drops what `company_directory_change` says changed
 * since it last looked, so a merge, a new range or a new company is seen by every process's next batch.
 *
 * A change that commits while a batch is being identified reaches the next batch, as it did when identification
 * ran inside the batch's statement (whose snapshot was taken as it began).
 */
export class CompanyLookup {
  private readonly domains = new Map<string, string | null>();
  /** By CIDR text of the network at one of the lengths in use. */
  private readonly networks = new Map<string, string | null>();
  private lengths: { v4: number[]; v6: number[] } = { v4: [], v6: [] };
  /** The last change seen; null until the first batch loads the prefix lengths. */
  private seen: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    /** Creates a company for each of these domains that has none; answers each domain's company. */
    private readonly createDomains: (domains: string[], sql?: Sql) => Promise<Map<string, string>>,
  ) {}

  /** The company of each key, in order; `sql` when the caller holds a transaction. */
  async identify(keys: LookupKey[], sql?: Sql): Promise<Identified[]> {
    const run: Sql = sql ?? ((text, params) => this.dataSource.query(text, params));
    await this.refresh(run);
    await this.fill(keys, run, sql);
    return keys.map((k) => {
      const byDomain = k.domain ? this.domains.get(k.domain) : null;
      if (byDomain) return { companyId: byDomain, by: "domain" };
      if (k.ip) {
        for (const length of k.ip.includes(":") ? this.lengths.v6 : this.lengths.v4) {
          const company = this.networks.get(networkOf(k.ip, length));
          if (company) return { companyId: company, by: "ip" };
        }
      }
      return null;
    });
  }

  /** Reads the domains and networks of `keys` not cached yet, and creates the companies of new corporate domains. */
  private async fill(keys: LookupKey[], sql: Sql, transaction?: Sql): Promise<void> {
    const domains = new Set<string>();
    const networks = new Set<string>();
    for (const k of keys) {
      if (k.domain && !this.domains.has(k.domain)) domains.add(k.domain);
      if (k.ip) {
        for (const length of k.ip.includes(":") ? this.lengths.v6 : this.lengths.v4) {
          const network = networkOf(k.ip, length);
          if (!this.networks.has(network)) networks.add(network);
        }
      }
    }
    if (this.domains.size + domains.size > MAX_ENTRIES) this.domains.clear();
    if (this.networks.size + networks.size > MAX_ENTRIES) this.networks.clear();
    if (domains.size) {
      const found = await sql<{ domain: string; company_id: string }>(
        `SELECT domain, company_id FROM company_domain WHERE domain = ANY($1::text[])`,
        [[...domains]],
      );
      for (const r of found) this.domains.set(r.domain, r.company_id);
      const missing = [...domains].filter((d) => !this.domains.has(d));
      if (missing.length) for (const [domain, company] of await this.createDomains(missing, transaction)) this.domains.set(domain, company);
    }
    if (networks.size) {
      const found = await sql<{ network: string; company_id: string }>(
        `SELECT n.network, r.company_id FROM unnest($1::text[]) n(network) JOIN company_ip_range r ON r.range = n.network::cidr`,
        [[...networks]],
      );
      for (const network of networks) this.networks.set(network, null);
      for (const r of found) this.networks.set(r.network, r.company_id);
    }
  }

  /** Drops what changed since the last batch; the first call (or one after a missed stretch) starts empty. */
  private async refresh(sql: Sql): Promise<void> {
    if (this.seen === null) {
      const [{ seq }] = await sql<{ seq: string }>(`SELECT coalesce(max(seq), 0)::text AS seq FROM company_directory_change`);
      await this.loadLengths(sql);
      this.seen = seq;
      return;
    }
    const changes = await sql<{ seq: string; domain: string | null; range: string | null; oldest: string }>(
      `SELECT seq::text AS seq, domain, range::text AS range, (SELECT min(seq) FROM company_directory_change)::text AS oldest
         FROM company_directory_change WHERE seq > $1::bigint ORDER BY seq`,
      [this.seen],
    );
    if (!changes.length) return;
    if (BigInt(changes[0].oldest) > BigInt(this.seen) + 1n) {
      // Changes were pruned before this process saw them.
      this.domains.clear();
      this.networks.clear();
    }
    for (const c of changes) {
      if (c.domain) this.domains.delete(c.domain);
      if (c.range) {
        const [address, length] = c.range.split("/");
        this.networks.delete(networkOf(ipaddr.parse(address).toString(), Number(length)));
      }
    }
    if (changes.some((c) => c.range)) await this.loadLengths(sql);
    this.seen = changes[changes.length - 1].seq;
  }

  private async loadLengths(sql: Sql): Promise<void> {
    const rows = await sql<{ family: number; length: number }>(
      `SELECT family, length FROM company_ip_prefix ORDER BY length DESC`,
    );
    this.lengths = { v4: rows.filter((r) => r.family === 4).map((r) => r.length), v6: rows.filter((r) => r.family === 6).map((r) => r.length) };
  }
}
