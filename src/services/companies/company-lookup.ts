import type { DataSource } from "typeorm";
import ipaddr from "ipaddr.js";
import { ipv4Bits } from "./web-event";
import { poolSql, Sql } from "../../db/sql";

/** How an event found its company. */
export interface Identified {
  companyId: string;
  by: "domain" | "ip";
}

/** What identification reads of an event: its domain only when it may name a company (not free mail, not noise). */
export interface LookupKey {
  domain: string | null;
  ip: string | null;
  /** The address's 32 bits when it is IPv4 (see ipv4Bits). */
  v4: number | null;
}

/** The companies of a batch's keys, and the directory's `domains` counter they were answered under. */
export interface Identification {
  companies: (Identified | null)[];
  /**
   * Where this counter has moved, a domain has changed company (a merge): an answer may name the merged company.
   * Storing compares it under the lock merges take (see EventIngestion.store).
   */
  version: string;
}

/** Finds or creates the company of each domain (CompanyDirectory.companiesOfDomains). */
export type DomainCompanies = (domains: string[], sql?: Sql) => Promise<Map<string, string>>;

/** Entries a cache may hold before it starts again (about 100 bytes each). */
const MAX_ENTRIES = 2_000_000;

/** The key of an IPv4 network: its first `length` bits (the rest zero) and the length, in one number. */
function v4Key(bits: number, length: number): number {
  const network = length === 0 ? 0 : (bits & (-1 << (32 - length))) >>> 0;
  return network * 64 + length;
}

function v4Text(key: number): string {
  const length = key % 64;
  const n = (key - length) / 64;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${length}`;
}

/** An IPv6 network's first `length` bits (the rest zero), as bytes. */
function v6Network(bytes: number[], length: number): number[] {
  const masked = bytes.slice();
  for (let bit = length; bit < 128; bit++) masked[bit >> 3] &= ~(0x80 >> (bit & 7));
  return masked;
}

const v6Key = (network: number[], length: number) => `${network.join(".")}/${length}`;

/** What a batch needs that the caches lack. */
interface Missing {
  domains: Set<string>;
  v4: Set<number>;
  /** Keys with their CIDR text. */
  v6: Map<string, string>;
}

/**
 * Which company an event belongs to, answered in this process: the email's registrable domain first (a person's
 * address says more than the network they browse from), then the narrowest company range holding the address
 * (probing the prefix lengths in use, longest first). An index probe per event was a quarter of the batch
 * statement's time; here it is a Map lookup, and what a batch meets for the first time is read in one query per
 * kind (`= ANY`, an index scan, never a join the planner could turn into a hash of every range).
 *
 * What the caches hold: domains with their company (only those found: a domain without one gets one, see
 * DomainCompanies), and networks at each length in use with their company or "none". Before each batch they are
 * checked against `company_directory_version` (one row, one round trip): a cache whose counter moved starts
 * again. A change that commits while a batch is being identified reaches the next batch, as it did when
 * identification ran inside the batch statement (whose snapshot was taken as it began).
 */
export class CompanyLookup {
  private readonly domains = new Map<string, string>();
  private readonly v4 = new Map<number, string | null>();
  private readonly v6 = new Map<string, string | null>();
  private lengths: { v4: number[]; v6: number[] } = { v4: [], v6: [] };
  private version: { domains: string; ranges: string } | null = null;
  /**
   * Moves each time a cache starts again: a read issued before then may hold answers from before the change that
   * dropped it, and is not kept.
   */
  private epoch = { domains: 0, ranges: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly companiesOfDomains: DomainCompanies,
  ) {}

  /** The company of each key, in order; `sql` when the caller holds a transaction. */
  async identify(keys: LookupKey[], sql?: Sql): Promise<Identification> {
    const run = sql ?? poolSql(this.dataSource);
    const version = await this.refresh(run);
    const answers: (Identified | null)[] = new Array(keys.length).fill(null);
    // Keys the caches cannot answer yet are read and answered again. Another batch of this process may drop a cache
    // while this one waits on its reads, so that can take more than one round (nothing more, almost always).
    let pending = keys.map((_, i) => i);
    while (pending.length) {
      const missing = { domains: new Set<string>(), v4: new Set<number>(), v6: new Map<string, string>() };
      pending = pending.filter((i) => !this.answer(keys[i], answers, i, missing));
      if (pending.length) await this.read(missing, run, sql);
    }
    return { companies: answers, version };
  }

  /**
   * Answers key `k` into `answers[i]` from the caches; when they lack something it needs, adds that to `missing`
   * and answers false.
   */
  private answer(k: LookupKey, answers: (Identified | null)[], i: number, missing: Missing): boolean {
    if (k.domain) {
      const company = this.domains.get(k.domain);
      if (company === undefined) {
        missing.domains.add(k.domain);
        return false;
      }
      answers[i] = { companyId: company, by: "domain" };
      return true;
    }
    if (k.v4 !== null) {
      for (const length of this.lengths.v4) {
        const key = v4Key(k.v4, length);
        const company = this.v4.get(key);
        if (company === undefined) {
          // Every longer network is known to have no company: read this length and the shorter ones at once.
          for (const shorter of this.lengths.v4) if (shorter <= length) missing.v4.add(v4Key(k.v4, shorter));
          return false;
        }
        if (company) {
          answers[i] = { companyId: company, by: "ip" };
          return true;
        }
      }
      return true;
    }
    if (k.ip) {
      const bytes = ipaddr.parse(k.ip).toByteArray();
      let complete = true;
      for (const length of this.lengths.v6) {
        const network = v6Network(bytes, length);
        const key = v6Key(network, length);
        const company = this.v6.get(key);
        if (company === undefined) {
          missing.v6.set(key, `${ipaddr.fromByteArray(network).toString()}/${length}`);
          complete = false;
        } else if (company && complete) {
          answers[i] = { companyId: company, by: "ip" };
          return true;
        }
      }
      return complete;
    }
    return true;
  }

  /** Reads what the caches lack; new corporate domains get their company. */
  private async read(missing: Missing, run: Sql, transaction?: Sql): Promise<void> {
    if (missing.domains.size) {
      if (this.domains.size + missing.domains.size > MAX_ENTRIES) this.domains.clear();
      const epoch = this.epoch.domains;
      const found = await this.companiesOfDomains([...missing.domains], transaction);
      if (epoch === this.epoch.domains) for (const [domain, company] of found) this.domains.set(domain, company);
    }
    if (missing.v4.size || missing.v6.size) {
      if (this.v4.size + missing.v4.size > MAX_ENTRIES) this.v4.clear();
      if (this.v6.size + missing.v6.size > MAX_ENTRIES) this.v6.clear();
      const epoch = this.epoch.ranges;
      const found = await run<{ range: string; company_id: string }>(
        `SELECT range::text AS range, company_id FROM company_ip_range WHERE range = ANY($1::cidr[])`,
        [[...[...missing.v4].map(v4Text), ...missing.v6.values()]],
      );
      if (epoch !== this.epoch.ranges) return;
      for (const key of missing.v4) this.v4.set(key, null);
      for (const key of missing.v6.keys()) this.v6.set(key, null);
      for (const { range, company_id } of found) {
        const [address, bits] = range.split("/");
        const v4 = ipv4Bits(address);
        if (v4 !== null) this.v4.set(v4Key(v4, Number(bits)), company_id);
        else this.v6.set(v6Key(v6Network(ipaddr.parse(address).toByteArray(), Number(bits)), Number(bits)), company_id);
      }
    }
  }

  /** Drops the caches whose counter moved since the last batch (all of them on the first); answers the domains counter. */
  private async refresh(run: Sql): Promise<string> {
    const [now] = await run<{ domains: string; ranges: string }>(`SELECT domains::text AS domains, ranges::text AS ranges FROM company_directory_version`);
    if (now.domains !== this.version?.domains) {
      this.domains.clear();
      this.epoch.domains++;
    }
    if (now.ranges !== this.version?.ranges) {
      this.v4.clear();
      this.v6.clear();
      this.epoch.ranges++;
      const rows = await run<{ family: number; length: number }>(`SELECT family, length FROM company_ip_prefix ORDER BY length DESC`);
      this.lengths = { v4: rows.filter((r) => r.family === 4).map((r) => r.length), v6: rows.filter((r) => r.family === 6).map((r) => r.length) };
    }
    this.version = now;
    return now.domains;
  }
}
