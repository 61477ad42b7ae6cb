import type { AccountScope } from "../../db/account-scope";
import { decodeCursor, encodeCursor, Page, pageSize } from "../../db/keyset";
import type { Clock } from "../../clock";
import { NotFoundError, ValidationError } from "../../errors";
import { RULE_MATCHES, SIGNALS, todayScale } from "./scoring-sql";
import type { ScoringService } from "./scoring-service";
import type { CompanyDirectory } from "./company-directory";

export interface Company {
  id: string;
  name: string;
  aliases: string[];
  domains: string[];
  ipRanges: string[];
  employees: number | null;
  industry: string | null;
  country: string | null;
  region: string | null;
  subRegion: string | null;
  provenance: Record<string, { source: string; at: string }>;
  /** The caller account's CRM records of this company (never another account's). */
  crm: { connectionId: string; crmId: string; fields: Record<string, unknown> }[];
  noise: boolean;
  /** Today's score for the caller's account. */
  score: number;
  firstSeenAt: Date;
}

/** A page whose total is counted only when read. */
export type LazyPage<T> = Omit<Page<T>, "totalCount"> & { readonly totalCount: Promise<number> };

export interface CompanyFilter {
  industry?: string | null;
  country?: string | null;
  region?: string | null;
  employees?: { min?: number | null; max?: number | null } | null;
  minScore?: number | null;
  /** Part of the name, or a domain. */
  search?: string | null;
}

export interface ScoreDetail {
  value: number;
  breakdown: { signal: string; contribution: number }[];
  rules: { rule: { id: string; field: string; value: string; boostBy: number }; boost: number }[];
}

export interface DailySignal {
  day: string;
  visits: number;
  clicks: number;
  contacts: number;
  formSubmissions: number;
  chats: number;
  extra: Record<string, number>;
}

export interface AnalyticsBucket {
  start: string;
  visits: number;
  clicks: number;
  contacts: number;
  formSubmissions: number;
  chats: number;
  custom: number;
  /** Companies with any signal in the bucket. */
  activeCompanies: number;
  /** Companies first seen by the account in the bucket. */
  newCompanies: number;
  /** Events no company was found for (free mail, no match). */
  unknownEvents: number;
}

interface CompanyRow {
  id: string;
  name: string;
  aliases: string[];
  domains: string[];
  ip_ranges: string[] | null;
  employees: number | null;
  industry: string | null;
  country: string | null;
  region: string | null;
  sub_region: string | null;
  provenance: Company["provenance"];
  noise: boolean;
  rank_key: number;
  first_seen_at: Date;
  crm: Company["crm"] | null;
}

const SELECT = `c.id, c.name, c.aliases, c.domains, c.employees, c.industry, c.country, c.region, c.sub_region, c.provenance,
  ac.noise, ac.rank_key, ac.first_seen_at,
  (SELECT array_agg(r.range::text ORDER BY r.range) FROM company_ip_range r WHERE r.company_id = c.id) AS ip_ranges,
  (SELECT json_agg(json_build_object('connectionId', x.connection_id, 'crmId', x.crm_id, 'fields', x.fields) ORDER BY x.crm_id)
     FROM account_company_crm x WHERE x.account_id = $1 AND x.company_id = c.id) AS crm`;

/**
 * An account's companies: the shared facts, its own CRM records, scores and signals. Only companies linked to the
 * account (seen in its activity, its CRM or its uploads) exist for it.
 */
export class CompanyService {
  constructor(
    private readonly scoring: ScoringService,
    readonly directory: CompanyDirectory,
    private readonly clock: Clock,
  ) {}

  private async scale(scope: AccountScope): Promise<number> {
    return todayScale((await this.scoring.settings(scope)).halfLifeDays, this.clock.now());
  }

  private toCompany(r: CompanyRow, scale: number): Company {
    return {
      id: r.id,
      name: r.name,
      aliases: r.aliases,
      domains: r.domains,
      ipRanges: r.ip_ranges ?? [],
      employees: r.employees,
      industry: r.industry,
      country: r.country,
      region: r.region,
      subRegion: r.sub_region,
      provenance: r.provenance,
      crm: r.crm ?? [],
      noise: r.noise,
      score: r.rank_key * scale,
      firstSeenAt: r.first_seen_at,
    };
  }

  /** A company of the account; a merged id answers with the company it was merged into. */
  async get(scope: AccountScope, id: string): Promise<Company> {
    const resolved = await this.directory.resolve(id);
    const rows = resolved
      ? await scope.query<CompanyRow>(
          `SELECT ${SELECT} FROM account_company ac JOIN company c ON c.id = ac.company_id WHERE ac.account_id = $1 AND ac.company_id = $2`,
          [resolved],
        )
      : [];
    if (!rows.length) throw new NotFoundError(`company ${id} not found`);
    return this.toCompany(rows[0], await this.scale(scope));
  }

  /**
   * Companies by score, highest first, filtered; keyset-paged on (rank_key, id). Noise companies are left out. The
   * order names the bucket first so that the rank index serves it (see the CompanyWritePath migration).
   */
  async list(scope: AccountScope, filter: CompanyFilter = {}, first?: number, after?: string): Promise<LazyPage<Company>> {
    const size = pageSize(first, 50, 500);
    const cursor = decodeCursor<number>(after);
    const scale = await this.scale(scope);
    const params: unknown[] = [];
    const where = ["ac.account_id = $1", "NOT ac.noise"];
    const param = (v: unknown) => (params.push(v), `$${params.length + 1}`);
    // The account_company copies of the facts (see the migration), so the filter needs no join.
    if (filter.industry) where.push(`ac.industry = lower(${param(filter.industry)})`);
    if (filter.country) where.push(`ac.country = lower(${param(filter.country)})`);
    if (filter.region) where.push(`ac.region = lower(${param(filter.region)})`);
    if (filter.employees?.min != null) where.push(`ac.employees >= ${param(filter.employees.min)}`);
    if (filter.employees?.max != null) where.push(`ac.employees <= ${param(filter.employees.max)}`);
    if (filter.minScore != null) {
      if (!Number.isFinite(filter.minScore)) throw new ValidationError("minScore: a number", { field: "minScore" });
      const min = param(filter.minScore / scale);
      where.push(`ac.rank_bucket >= score_bucket(${min}::float8) AND ac.rank_key >= ${min}::float8`);
    }
    if (filter.search?.trim()) {
      const text = filter.search.trim().toLowerCase();
      where.push(`(lower(c.name) LIKE ${param(`%${text.replace(/[%_\\]/g, "\\$&")}%`)} OR ${param(text)} = ANY (c.domains))`);
    }
    const filtered = where.join(" AND ");
    // The bucket bound lets the index walk start at the cursor; the exact bound follows it.
    let keyset = "";
    if (cursor) {
      const key = param(cursor.key);
      keyset = ` AND ac.rank_bucket <= score_bucket(${key}::float8) AND (ac.rank_key, ac.company_id) < (${key}::float8, ${param(cursor.id)}::uuid)`;
    }
    const countParams = params.slice(0, cursor ? params.length - 2 : params.length);
    const rows = await scope.query<CompanyRow>(
      `SELECT ${SELECT} FROM account_company ac JOIN company c ON c.id = ac.company_id
        WHERE ${filtered}${keyset} ORDER BY ac.rank_bucket DESC, ac.rank_key DESC, ac.company_id DESC LIMIT ${size + 1}`,
      params,
    );
    const edges = rows.slice(0, size).map((r) => ({ node: this.toCompany(r, scale), cursor: encodeCursor(r.rank_key, r.id) }));
    let counted: Promise<number> | undefined;
    const count = () =>
      scope
        .query<{ count: number }>(`SELECT count(*)::int AS count FROM account_company ac JOIN company c ON c.id = ac.company_id WHERE ${filtered}`, countParams)
        .then((r) => r[0].count);
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      // Counting every match costs more than finding the top 50; it is done only when asked for.
      get totalCount() {
        return (counted ??= count());
      },
    };
  }

  /** Today's score with each signal's decayed contribution and the rules that boost or demote it. */
  async score(scope: AccountScope, companyId: string): Promise<ScoreDetail> {
    const settings = await this.scoring.settings(scope);
    const w = settings.weights;
    const weights: Record<string, number> = { visits: w.visits, clicks: w.clicks, contacts: w.contacts, form_submissions: w.formSubmissions, chats: w.chats };
    const today = this.today();
    const decay = `power(2::float8, (day - $3::date) / $4::float8)`;
    const [sums] = await scope.query<Record<string, number>>(
      `SELECT ${SIGNALS.map((s) => `coalesce(sum(${s} * ${decay}), 0)::float8 AS ${s}`).join(", ")},
              coalesce(sum((SELECT coalesce(sum(e.value::float8), 0) FROM jsonb_each_text(extra) e) * ${decay}), 0)::float8 AS custom
         FROM company_daily_signal WHERE account_id = $1 AND company_id = $2`,
      [companyId, today, settings.halfLifeDays],
    );
    const rules = await scope.query<{ id: string; field: string; value: string; boostBy: number }>(
      `SELECT r.id, r.field, r.value, r.boost_by AS "boostBy" FROM score_rule r JOIN company c ON c.id = $2
        WHERE r.account_id = $1 AND ${RULE_MATCHES} ORDER BY r.created_at, r.id`,
      [companyId],
    );
    const breakdown = [...SIGNALS.map((s) => ({ signal: s, contribution: sums[s] * weights[s] })), { signal: "custom", contribution: sums.custom * w.custom }];
    const factor = rules.reduce((f, r) => f * (1 + r.boostBy), 1);
    const value = breakdown.reduce((sum, b) => sum + b.contribution, 0) * factor;
    return { value, breakdown, rules: rules.map((rule) => ({ rule, boost: rule.boostBy })) };
  }

  async signals(scope: AccountScope, companyId: string, from: Date, to: Date): Promise<DailySignal[]> {
    return scope.query<DailySignal>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, visits, clicks, contacts, form_submissions AS "formSubmissions", chats, extra
         FROM company_daily_signal WHERE account_id = $1 AND company_id = $2 AND day >= $3::date AND day < $4::date ORDER BY day`,
      [companyId, from.toISOString(), to.toISOString()],
    );
  }

  /** Dashboard summaries per day, week or month (buckets start on the day, the ISO week's Monday, the 1st). */
  async analytics(scope: AccountScope, from: Date, to: Date, interval: "day" | "week" | "month"): Promise<AnalyticsBucket[]> {
    if (!(to > from)) throw new ValidationError("to: must be after from", { field: "to" });
    const bucket = (col: string) => `date_trunc('${interval}', ${col})::date`;
    return scope.query<AnalyticsBucket>(
      `WITH s AS (
         SELECT ${bucket("day")} AS start, sum(visits)::int AS visits, sum(clicks)::int AS clicks, sum(contacts)::int AS contacts,
                sum(form_submissions)::int AS form_submissions, sum(chats)::int AS chats,
                coalesce(sum((SELECT sum(e.value::int) FROM jsonb_each_text(extra) e)), 0)::int AS custom,
                count(DISTINCT company_id)::int AS active
           FROM company_daily_signal WHERE account_id = $1 AND day >= $2::date AND day < $3::date GROUP BY 1
       ), n AS (
         SELECT ${bucket("first_seen_at AT TIME ZONE 'UTC'")} AS start, count(*)::int AS new
           FROM account_company WHERE account_id = $1 AND first_seen_at >= $2::date AND first_seen_at < $3::date GROUP BY 1
       ), u AS (
         SELECT ${bucket("day")} AS start, sum(events)::int AS unknown
           FROM unknown_daily_signal WHERE account_id = $1 AND day >= $2::date AND day < $3::date GROUP BY 1
       )
       SELECT to_char(b.start, 'YYYY-MM-DD') AS start, coalesce(s.visits, 0) AS visits, coalesce(s.clicks, 0) AS clicks,
              coalesce(s.contacts, 0) AS contacts, coalesce(s.form_submissions, 0) AS "formSubmissions", coalesce(s.chats, 0) AS chats,
              coalesce(s.custom, 0) AS custom, coalesce(s.active, 0) AS "activeCompanies", coalesce(n.new, 0) AS "newCompanies",
              coalesce(u.unknown, 0) AS "unknownEvents"
         FROM (SELECT start FROM s UNION SELECT start FROM n UNION SELECT start FROM u) b
         LEFT JOIN s ON s.start = b.start LEFT JOIN n ON n.start = b.start LEFT JOIN u ON u.start = b.start
        ORDER BY b.start`,
      [from.toISOString(), to.toISOString()],
    );
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}

