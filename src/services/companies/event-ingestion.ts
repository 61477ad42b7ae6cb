import type { DataSource } from "typeorm";
import { AccountScope, ScopedClient } from "../../db/account-scope";
import type { Clock } from "../../clock";
import type { PubSub } from "../../events/pubsub";
import { Topics } from "../../events/pubsub";
import { anchorOf, factorOf, todayScale, weightsOf } from "./scoring-sql";
import { ScoringService, settingsJson } from "./scoring-service";
import type { CompanyLookup, Identified, Sql } from "./company-lookup";
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
 * A batch (`$2`, events as JSON, already identified by CompanyLookup and the noise rules: `company_id`,
 * `identified_by`, `noise_rule_id`) as rows.
 */
const EVENTS = `
    ev AS (
      SELECT x.id, x.event_id, x.type, to_timestamp(x.at / 1000.0) AS occurred_at, x.ip, x.email, x.domain,
             coalesce(x.payload, '{}') AS payload, x.company_id, x.identified_by, x.noise_rule_id
        FROM json_to_recordset($2::json) AS x(id bigint, event_id text, type text, at float8, ip inet, email text, domain text,
          payload jsonb, company_id uuid, identified_by text, noise_rule_id uuid)
    )`;

const INSERT_EVENTS = `
    written AS (
      INSERT INTO web_event (account_id, event_id, type, occurred_at, ip, email, domain, payload, company_id, identified_by, noise_rule_id)
      SELECT $1, event_id, type, occurred_at, ip, email, domain, payload, company_id, identified_by, noise_rule_id FROM ev
      ON CONFLICT (account_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
      RETURNING company_id, identified_by, noise_rule_id, type, occurred_at
    )`;

const UPDATE_EVENTS = `
    written AS (
      UPDATE web_event w SET company_id = ev.company_id, identified_by = ev.identified_by, noise_rule_id = ev.noise_rule_id
        FROM ev WHERE w.account_id = $1 AND w.id = ev.id
      RETURNING w.company_id, w.identified_by, w.noise_rule_id, w.type, w.occurred_at
    )`;

const INGEST_SQL = `WITH ${EVENTS}, ${INSERT_EVENTS}, ${countingSql(true)}`;
const REPROCESS_SQL = `WITH ${EVENTS}, ${UPDATE_EVENTS}, ${countingSql(false)}`;

/**
 * Ingestion and reprocessing of one account's events hold this lock, shared and exclusive respectively. The same
 * statement raises the transaction's work_mem: a batch's aggregates (thousands of (company, day) groups) would spill
 * to disk under the default 4 MB.
 */
const BATCH_MEMORY = `set_config('work_mem', '64MB', true)`;
const EVENTS_LOCK = `SELECT pg_advisory_xact_lock_shared(hashtext('web_event:' || $1)), ${BATCH_MEMORY}`;
const REPROCESS_LOCK = `SELECT pg_advisory_xact_lock(hashtext('web_event:' || $1)), ${BATCH_MEMORY}`;

/** An event as the batch statement reads it (`$2`, see EVENTS). */
interface BatchRow {
  type: string;
  at: number;
  identified_by: string;
  id?: string;
  event_id?: string;
  ip?: string;
  email?: string;
  domain?: string;
  company_id?: string;
  noise_rule_id?: string;
  payload?: Record<string, unknown>;
}

/**
 * Only what an event has: PostgreSQL parses the batch's JSON, and absent keys cost nothing there while `null`s and
 * `{}`s cost their parsing (a third of the bytes of a typical batch); the statement supplies the defaults.
 */
function batchRow(e: WebEvent, found: Identified | null, noiseRuleId: string | null, id?: string): BatchRow {
  const identifiedBy = noiseRuleId ? "noise" : found ? found.by : e.free_mail ? "free-mail" : "unknown";
  const row: BatchRow = { type: e.type, at: e.at, identified_by: identifiedBy };
  if (id) row.id = id;
  if (e.event_id) row.event_id = e.event_id;
  if (e.ip) row.ip = e.ip;
  if (e.email) row.email = e.email;
  if (e.domain) row.domain = e.domain;
  if (noiseRuleId) row.noise_rule_id = noiseRuleId;
  else if (found) row.company_id = found.companyId;
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
    private readonly lookup: CompanyLookup,
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
      const rows = await this.identify(batch, noise);
      const counted = await this.run(scope, EVENTS_LOCK, INGEST_SQL, rows, settings);
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
        const parsed = events.map((e) => parseWebEvent({ ...e, occurredAt: e.occurred_at }, Number.MAX_SAFE_INTEGER));
        const rows = await this.identify(parsed, noise, (i) => events[i].id, async (text, params) => (await client.raw.query(text, params)).rows);
        await client.query(REPROCESS_SQL, [JSON.stringify(rows), settings]);
        done += events.length;
        after = events.at(-1)!.id;
        onProgress?.(done, n);
      }
      return done;
    });
    await this.scoring.recomputeAnchors(scope);
    return total;
  }

  /**
   * Noise rules on domains and ranges first (a dropped event is not identified: its domain must not create a
   * company), then the company of each event, then rules on companies.
   */
  private async identify(events: WebEvent[], noise: NoiseFilter, idOf?: (index: number) => string, sql?: Sql): Promise<BatchRow[]> {
    const early = events.map((e) => noise.ruleFor(e));
    const found = await this.lookup.identify(
      events.map((e, i) => (early[i] ? { domain: null, ip: null, v4: null } : { domain: e.free_mail ? null : e.domain, ip: e.ip, v4: e.v4 })),
      sql,
    );
    return events.map((e, i) => {
      const rule = early[i] ?? (found[i] && noise.ruleForCompany(found[i]!.companyId));
      return batchRow(e, found[i], rule, idOf?.(i));
    });
  }

  private async noiseFilter(scope: AccountScope): Promise<NoiseFilter> {
    const rules = await scope.query<{ id: string; domain: string | null; ip_range: string | null; company_id: string | null }>(
      `SELECT id, domain, ip_range::text AS ip_range, company_id FROM noise_rule WHERE account_id = $1 AND undone_at IS NULL`,
    );
    return new NoiseFilter(
      new Map(rules.filter((r) => r.domain).map((r) => [r.domain!, r.id])),
      rules.filter((r) => r.ip_range).map((r) => ({ id: r.id, range: r.ip_range! })),
      new Map(rules.filter((r) => r.company_id).map((r) => [r.company_id!, r.id])),
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
