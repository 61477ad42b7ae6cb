import type { DataSource } from "typeorm";
import { AccountScope, ScopedClient } from "../../db/account-scope";
import type { Clock } from "../../clock";
import type { PubSub } from "../../events/pubsub";
import { Topics } from "../../events/pubsub";
import { anchorOf, factorOf, todayScale, weightsOf } from "./scoring-sql";
import { ScoringService, settingsJson } from "./scoring-service";
import type { CompanyDirectory } from "./company-directory";
import type { Line } from "../customers/line-reader";
import { NoiseFilter, parseWebEvent, SIGNAL_OF_TYPE, WebEvent, WebEventError } from "./web-event";

export interface IngestResult {
  /** Events stored (new event ids, or events without one). */
  accepted: number;
  /** Events whose id was already stored. */
  duplicates: number;
  /** Stored events attributed to a company. */
  identified: number;
  /** Stored events dropped by a noise rule. */
  dropped: number;
  /** Stored events of no known company (free mail, no match). */
  unknown: number;
  /** Events refused, with their position (0-based) in the input. */
  invalid: { index: number; message: string }[];
}

export interface ScoreChange {
  accountId: string;
  companyId: string;
  score: number;
}

/** Events per statement: large enough to amortise the round trip, small enough to keep locks short. */
const BATCH = 5000;
const KNOWN_TYPES = Object.keys(SIGNAL_OF_TYPE);
/** Score changes per published event, to stay inside PostgreSQL's NOTIFY payload limit. */
const CHANGES_PER_EVENT = 40;

const typeSum = (type: string) => `coalesce(sum(n) FILTER (WHERE type = '${type}'), 0)::int AS ${SIGNAL_OF_TYPE[type]}`;

/**
 * The statement that identifies a batch of events and counts them, from `written` (the events as stored, with
 * company_id, identified_by, noise_rule_id, type and occurred_at): daily signals and unknown counts upserted in
 * company order (concurrent batches lock rows in one order), company links created, scores moved by the
 * signals' anchored value, noise hits counted. `$1` account, `$2` events, `$3` scoring settings.
 */
function countingSql(countHits: boolean): string {
  return `
    per_type AS (
      SELECT company_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, type, count(*)::int AS n
        FROM written WHERE company_id IS NOT NULL GROUP BY 1, 2, 3
    ), sig AS (
      SELECT company_id, day, ${KNOWN_TYPES.map(typeSum).join(", ")},
             coalesce(jsonb_object_agg(type, n) FILTER (WHERE type NOT IN (${KNOWN_TYPES.map((t) => `'${t}'`).join(", ")})), '{}') AS extra
        FROM per_type GROUP BY 1, 2
    ), signals AS (
      INSERT INTO company_daily_signal AS s (account_id, company_id, day, visits, clicks, contacts, form_submissions, chats, extra)
      SELECT $1, company_id, day, visits, clicks, contacts, form_submissions, chats, extra FROM sig ORDER BY company_id, day
      ON CONFLICT (account_id, company_id, day) DO UPDATE SET
        visits = s.visits + excluded.visits, clicks = s.clicks + excluded.clicks, contacts = s.contacts + excluded.contacts,
        form_submissions = s.form_submissions + excluded.form_submissions, chats = s.chats + excluded.chats,
        extra = CASE WHEN excluded.extra = '{}' THEN s.extra ELSE (
          SELECT jsonb_object_agg(k, coalesce((s.extra->>k)::int, 0) + coalesce((excluded.extra->>k)::int, 0))
            FROM jsonb_object_keys(s.extra || excluded.extra) k) END
      RETURNING 1
    ), deltas AS (
      SELECT company_id, sum(${anchorOf("sig")}) AS delta FROM sig CROSS JOIN ${weightsOf("$3::jsonb")} w GROUP BY company_id ORDER BY company_id
    ), moved AS (
      -- Companies the account knows: a plain UPDATE, in company order. (INSERT … ON CONFLICT would lock each row
      -- with a WAL record of its own before updating it.)
      UPDATE account_company ac SET anchor = ac.anchor + d.delta, rank_key = (ac.anchor + d.delta) * ac.factor
        FROM deltas d WHERE ac.account_id = $1 AND ac.company_id = d.company_id
      RETURNING ac.company_id, ac.rank_key
    ), linked AS (
      -- Companies new to the account: their rules are matched once, here. A concurrent batch linking the same
      -- company first makes this an update of its row.
      INSERT INTO account_company AS ac (account_id, company_id, anchor, factor, rank_key)
      SELECT $1, d.company_id, d.delta, f.factor, d.delta * f.factor
        FROM deltas d
        CROSS JOIN LATERAL (SELECT ${factorOf("$1")} AS factor FROM company c WHERE c.id = d.company_id) f
       WHERE NOT EXISTS (SELECT 1 FROM moved m WHERE m.company_id = d.company_id)
       ORDER BY d.company_id
      ON CONFLICT (account_id, company_id) DO UPDATE SET anchor = ac.anchor + excluded.anchor, rank_key = (ac.anchor + excluded.anchor) * ac.factor
      RETURNING company_id, rank_key
    ), scores AS (
      SELECT * FROM moved UNION ALL SELECT * FROM linked
    ), unknown AS (
      INSERT INTO unknown_daily_signal AS u (account_id, day, reason, events)
      SELECT $1, (occurred_at AT TIME ZONE 'UTC')::date, identified_by, count(*)::int FROM written
       WHERE company_id IS NULL AND noise_rule_id IS NULL GROUP BY 2, 3 ORDER BY 2, 3
      ON CONFLICT (account_id, day, reason) DO UPDATE SET events = u.events + excluded.events
      RETURNING 1
    )${
      countHits
        ? `, hits AS (
      UPDATE noise_rule n SET hits = n.hits + h.n
        FROM (SELECT noise_rule_id, count(*)::int AS n FROM written WHERE noise_rule_id IS NOT NULL GROUP BY 1) h
       WHERE n.account_id = $1 AND n.id = h.noise_rule_id
      RETURNING 1
    )`
        : ""
    }
    SELECT (SELECT count(*)::int FROM written) AS written,
           (SELECT count(*)::int FROM written WHERE company_id IS NOT NULL) AS identified,
           (SELECT count(*)::int FROM written WHERE noise_rule_id IS NOT NULL) AS dropped,
           (SELECT coalesce(json_agg(x), '[]') FROM (SELECT company_id, rank_key FROM scores ORDER BY rank_key DESC LIMIT 100) x) AS changed`;
}

/**
 * Identification of a batch (`$2`, events as JSON): the email's registrable domain first (a person's address says
 * more than the network they browse from), then the narrowest IP range holding the address (probing the prefix
 * lengths in use, longest first); domain and range
 * noise rules were applied before (`noise_rule_id`), company rules are applied here.
 */
function identifySql(companyRules: boolean): string {
  // Company noise rules are looked up per identified event only when the account has any.
  const rule = companyRules ? "cr.id" : "NULL::uuid";
  return `
    ev AS (
      SELECT x.id, x.event_id, x.type, to_timestamp(x.at / 1000.0) AS occurred_at, x.ip, x.email, x.domain,
             coalesce(x.free_mail, false) AS free_mail, x.noise_rule_id, coalesce(x.payload, '{}') AS payload
        FROM json_to_recordset($2::json) AS x(id bigint, event_id text, type text, at float8, ip inet,
          email text, domain text, free_mail boolean, noise_rule_id uuid, payload jsonb)
    ), ident AS (
      SELECT ev.*, coalesce(d.company_id, ipr.company_id) AS found,
             CASE WHEN d.company_id IS NOT NULL THEN 'domain' WHEN ipr.company_id IS NOT NULL THEN 'ip'
                  WHEN ev.free_mail THEN 'free-mail' ELSE 'unknown' END AS how
        FROM ev
        LEFT JOIN company_domain d ON ev.noise_rule_id IS NULL AND NOT ev.free_mail AND d.domain = ev.domain
        LEFT JOIN LATERAL (
          SELECT r.company_id FROM company_ip_prefix p
            JOIN company_ip_range r ON r.range = network(set_masklen(ev.ip, p.length))
           WHERE ev.noise_rule_id IS NULL AND ev.ip IS NOT NULL AND p.family = family(ev.ip)
           ORDER BY p.length DESC LIMIT 1) ipr ON true
    ), final AS (
      SELECT i.*,
             CASE WHEN i.noise_rule_id IS NULL AND ${rule} IS NULL THEN i.found END AS company_id,
             CASE WHEN i.noise_rule_id IS NOT NULL OR ${rule} IS NOT NULL THEN 'noise' ELSE i.how END AS identified_by,
             coalesce(i.noise_rule_id, ${rule}) AS rule_id
        FROM ident i${
          companyRules
            ? `
        LEFT JOIN LATERAL (SELECT n.id FROM noise_rule n WHERE i.found IS NOT NULL AND n.account_id = $1
                             AND n.undone_at IS NULL AND n.company_id = i.found LIMIT 1) cr ON true`
            : ""
        }
    )`;
}

const INSERT_EVENTS = `
    written AS (
      INSERT INTO web_event (account_id, event_id, type, occurred_at, ip, email, domain, payload, company_id, identified_by, noise_rule_id)
      SELECT $1, event_id, type, occurred_at, ip, email, domain, payload, company_id, identified_by, rule_id FROM final
      ON CONFLICT (account_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
      RETURNING company_id, identified_by, noise_rule_id, type, occurred_at
    )`;

const UPDATE_EVENTS = `
    written AS (
      UPDATE web_event w SET company_id = f.company_id, identified_by = f.identified_by, noise_rule_id = f.rule_id
        FROM final f WHERE w.account_id = $1 AND w.id = f.id
      RETURNING w.company_id, w.identified_by, w.noise_rule_id, w.type, w.occurred_at
    )`;

/** The batch statements, by whether the account has company noise rules. */
const INGEST_SQL = [false, true].map((companyRules) => `WITH ${identifySql(companyRules)}, ${INSERT_EVENTS}, ${countingSql(true)}`);
const REPROCESS_SQL = [false, true].map((companyRules) => `WITH ${identifySql(companyRules)}, ${UPDATE_EVENTS}, ${countingSql(false)}`);

/**
 * Ingestion and reprocessing of one account's events hold this lock, shared and exclusive respectively. The same
 * statement raises the transaction's work_mem: a batch's aggregates (thousands of (company, day) groups) would spill
 * to disk under the default 4 MB.
 */
const BATCH_MEMORY = `set_config('work_mem', '64MB', true)`;
const EVENTS_LOCK = `SELECT pg_advisory_xact_lock_shared(hashtext('web_event:' || $1)), ${BATCH_MEMORY}`;
const REPROCESS_LOCK = `SELECT pg_advisory_xact_lock(hashtext('web_event:' || $1)), ${BATCH_MEMORY}`;

/** An event as the batch statement reads it (`$2`, see identifySql). */
interface BatchRow {
  type: string;
  at: number;
  id?: string;
  event_id?: string;
  ip?: string;
  email?: string;
  domain?: string;
  free_mail?: true;
  noise_rule_id?: string;
  payload?: Record<string, unknown>;
}

/**
 * Only what an event has: PostgreSQL parses the batch's JSON, and absent keys cost nothing there while `null`s and
 * `{}`s cost their parsing (a third of the bytes of a typical batch); the statement supplies the defaults.
 */
function batchRow(e: WebEvent, noiseRuleId: string | null, id?: string): BatchRow {
  const row: BatchRow = { type: e.type, at: e.at };
  if (id) row.id = id;
  if (e.event_id) row.event_id = e.event_id;
  if (e.ip) row.ip = e.ip;
  if (e.email) row.email = e.email;
  if (e.domain) row.domain = e.domain;
  if (e.free_mail) row.free_mail = true;
  if (noiseRuleId) row.noise_rule_id = noiseRuleId;
  if (Object.keys(e.payload).length) row.payload = e.payload;
  return row;
}

interface BatchResult {
  written: number;
  identified: number;
  dropped: number;
  changed: { company_id: string; rank_key: number }[];
}

/**
 * Website and CRM activity in: events are validated, noise rules applied, identified to companies (creating one
 * for an unknown corporate domain), archived in `web_event`, and counted into daily signals and scores — per
 * batch one statement, in one transaction. Events with an id are stored once (a re-sent batch adds nothing).
 */
export class EventIngestion {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CompanyDirectory,
    private readonly scoring: ScoringService,
    private readonly pubsub: PubSub,
    private readonly clock: Clock,
  ) {}

  /**
   * An NDJSON stream of events, a batch at a time (a million-event upload never sits in memory); bad lines are
   * reported by line number (the first 100) and do not stop the rest.
   */
  async ingestLines(scope: AccountScope, lines: AsyncIterable<Line>): Promise<IngestResult> {
    const total: IngestResult = { accepted: 0, duplicates: 0, identified: 0, dropped: 0, unknown: 0, invalid: [] };
    const rules = await this.rules(scope); // as they stand when the upload begins
    let batch: unknown[] = [];
    let numbers: number[] = [];
    const flush = async () => {
      const r = await this.ingest(scope, batch, rules);
      for (const k of ["accepted", "duplicates", "identified", "dropped", "unknown"] as const) total[k] += r[k];
      for (const bad of r.invalid) if (total.invalid.length < 100) total.invalid.push({ index: numbers[bad.index], message: bad.message });
      batch = [];
      numbers = [];
    };
    for await (const line of lines) {
      if (!line.text.trim()) continue;
      try {
        batch.push(JSON.parse(line.text));
        numbers.push(line.lineNo);
      } catch {
        if (total.invalid.length < 100) total.invalid.push({ index: line.lineNo, message: "not valid JSON" });
      }
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
    return total;
  }

  /** Noise rules and scoring settings, read once per call (or per upload) rather than per batch. */
  private async rules(scope: AccountScope): Promise<{ noise: NoiseFilter; settings: string }> {
    return { noise: await this.noiseFilter(scope), settings: settingsJson(await this.scoring.settings(scope)) };
  }

  async ingest(scope: AccountScope, events: unknown[], rules?: { noise: NoiseFilter; settings: string }): Promise<IngestResult> {
    const result: IngestResult = { accepted: 0, duplicates: 0, identified: 0, dropped: 0, unknown: 0, invalid: [] };
    const now = this.clock.now().getTime();
    const parsed: WebEvent[] = [];
    events.forEach((raw, index) => {
      try {
        parsed.push(parseWebEvent(raw, now));
      } catch (error) {
        if (!(error instanceof WebEventError)) throw error;
        result.invalid.push({ index, message: error.message });
      }
    });
    if (!parsed.length) return result;
    const { noise, settings } = rules ?? (await this.rules(scope));
    for (let i = 0; i < parsed.length; i += BATCH) {
      const batch = parsed.slice(i, i + BATCH);
      const rows = batch.map((e) => batchRow(e, noise.ruleFor(e)));
      await this.directory.ensureDomains(rows.filter((r) => r.domain && !r.free_mail && !r.noise_rule_id).map((r) => r.domain!));
      const counted = await this.run(scope, EVENTS_LOCK, INGEST_SQL[Number(noise.companyRules)], rows, settings);
      result.accepted += counted.written;
      result.duplicates += batch.length - counted.written;
      result.identified += counted.identified;
      result.dropped += counted.dropped;
      result.unknown += counted.written - counted.identified - counted.dropped;
      this.publishScores(scope, counted.changed, settings);
    }
    return result;
  }

  /**
   * Identifies again, with today's companies and noise rules, every archived event of the account since the start
   * of `since`'s day (UTC), and rebuilds the daily counts and scores of those days from them: what an undone noise
   * rule dropped counts again, and what a new rule covers stops counting. Ingestion of the account waits meanwhile.
   */
  async reprocess(scope: AccountScope, since: Date, onProgress?: (done: number, total: number) => void): Promise<number> {
    const day = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));
    const { noise, settings } = await this.rules(scope);
    const total = await scope.withClientTransaction(async (client) => {
      await client.query(REPROCESS_LOCK);
      await client.query(`DELETE FROM company_daily_signal WHERE account_id = $1 AND day >= $2::date`, [day.toISOString()]);
      await client.query(`DELETE FROM unknown_daily_signal WHERE account_id = $1 AND day >= $2::date`, [day.toISOString()]);
      const [{ n }] = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM web_event WHERE account_id = $1 AND occurred_at >= $2`, [day]);
      let done = 0;
      for (let after = "0"; ; ) {
        const events = await client.query<{ id: string; event_id: string | null; type: string; occurred_at: Date; ip: string | null; email: string | null; payload: Record<string, unknown> }>(
          `SELECT id::text AS id, event_id, type, occurred_at, host(ip) AS ip, email, payload FROM web_event
            WHERE account_id = $1 AND occurred_at >= $2 AND id > $3::bigint ORDER BY id LIMIT ${BATCH}`,
          [day, after],
        );
        if (!events.length) break;
        const rows = events.map((e) => {
          const parsed = parseWebEvent({ ...e, occurredAt: e.occurred_at }, Number.MAX_SAFE_INTEGER);
          return batchRow(parsed, noise.ruleFor(parsed), e.id);
        });
        await this.directory.ensureDomains(rows.filter((r) => r.domain && !r.free_mail && !r.noise_rule_id).map((r) => r.domain!));
        await client.query(REPROCESS_SQL[Number(noise.companyRules)], [JSON.stringify(rows), settings]);
        done += events.length;
        after = events.at(-1)!.id;
        onProgress?.(done, n);
      }
      return done;
    });
    await this.scoring.recomputeAnchors(scope);
    return total;
  }

  private async noiseFilter(scope: AccountScope): Promise<NoiseFilter> {
    const rules = await scope.query<{ id: string; domain: string | null; ip_range: string | null; company_id: string | null }>(
      `SELECT id, domain, ip_range::text AS ip_range, company_id FROM noise_rule WHERE account_id = $1 AND undone_at IS NULL`,
    );
    return new NoiseFilter(
      new Map(rules.filter((r) => r.domain).map((r) => [r.domain!, r.id])),
      rules.filter((r) => r.ip_range).map((r) => ({ id: r.id, range: r.ip_range! })),
      rules.some((r) => r.company_id),
    );
  }

  /** One transaction per batch; a deadlock between concurrent batches (rows met in another order) is retried. */
  private async run(scope: AccountScope, lock: string, sql: string, rows: unknown[], settings: string): Promise<BatchResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await scope.withClientTransaction(async (client: ScopedClient) => {
          await client.query(lock);
          const [row] = await client.query<BatchResult>(sql, [JSON.stringify(rows), settings]);
          return row;
        });
      } catch (error) {
        if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
      }
    }
  }

  private publishScores(scope: AccountScope, changed: { company_id: string; rank_key: number }[], settings: string): void {
    if (!changed.length) return;
    const scale = todayScale((JSON.parse(settings) as { half_life_days: number }).half_life_days, this.clock.now());
    const changes: ScoreChange[] = changed.map((c) => ({ accountId: scope.accountId, companyId: c.company_id, score: c.rank_key * scale }));
    // A NOTIFY payload holds at most 8,000 bytes and a change takes about 130 as JSON.
    for (let i = 0; i < changes.length; i += CHANGES_PER_EVENT) {
      this.pubsub.publish(Topics.COMPANY_SCORES_CHANGED, { accountId: scope.accountId, changes: changes.slice(i, i + CHANGES_PER_EVENT) });
    }
  }
}
