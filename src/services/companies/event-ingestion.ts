import { AccountScope, ScopedClient } from "../../db/account-scope";
import type { Clock } from "../../clock";
import type { PubSub } from "../../events/pubsub";
import { Topics } from "../../events/pubsub";
import { anchorOf, factorOf, todayScale, weightsOf } from "./scoring-sql";
import { ScoringService, settingsJson } from "./scoring-service";
import type { CompanyLookup } from "./company-lookup";
import { clientSql, Sql } from "../../db/sql";
import { MERGE_LOCK } from "./company-directory";
import type { ArchiveWriter, IdentifiedEvent } from "./web-event-archive";
import { EventTally, tallyOf } from "./event-tally";
import type { Line } from "../customers/line-reader";
import { NoiseFilter, parseWebEvent, WebEvent, WebEventError } from "./web-event";

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

/** Events per transaction: large enough to amortise the round trips, small enough to keep locks short. */
const BATCH = 5000;
/** Score changes per published event, to stay inside PostgreSQL's NOTIFY payload limit. */
const CHANGES_PER_EVENT = 40;

/**
 * The statement that counts a batch of stored events, from its tally (see tallyOf): `$2` the (company, day) counts,
 * `$3` scoring settings, `$4` unknown counts, `$5` noise rule hits. Daily signals and unknown counts are upserted in
 * key order (concurrent batches lock rows in one order), company links created, scores moved by the signals'
 * anchored value, noise hits counted.
 */
const COUNTING_SQL = `
    WITH sig AS (
      SELECT x.company_id, date '1970-01-01' + x.day AS day, coalesce(x.visits, 0) AS visits, coalesce(x.clicks, 0) AS clicks,
             coalesce(x.contacts, 0) AS contacts, coalesce(x.form_submissions, 0) AS form_submissions, coalesce(x.chats, 0) AS chats,
             coalesce(x.extra, '{}') AS extra
        FROM json_to_recordset($2::json) AS x(company_id uuid, day integer, visits integer, clicks integer, contacts integer,
          form_submissions integer, chats integer, extra jsonb)
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
      SELECT $1, date '1970-01-01' + x.day, x.reason, x.events FROM json_to_recordset($4::json) AS x(day integer, reason text, events integer)
       ORDER BY 2, 3
      ON CONFLICT (account_id, day, reason) DO UPDATE SET events = u.events + excluded.events
      RETURNING 1
    ), hits AS (
      UPDATE noise_rule n SET hits = n.hits + h.n
        FROM json_to_recordset($5::json) AS h(rule uuid, n integer)
       WHERE n.account_id = $1 AND n.id = h.rule
      RETURNING 1
    )
    SELECT coalesce(json_agg(x), '[]') AS changed FROM (SELECT company_id, rank_key FROM scores ORDER BY rank_key DESC LIMIT 100) x`;

/** Events already stored by id (a re-sent batch adds nothing). */
const STORED_IDS = `SELECT event_id FROM web_event WHERE account_id = $1 AND event_id = ANY($2::text[])`;

/** Reprocessing: what identification now says of archived events (`$2`: id, company_id, identified_by, noise_rule_id). */
const REIDENTIFY_SQL = `
    UPDATE web_event w SET company_id = x.company_id, identified_by = x.identified_by, noise_rule_id = x.noise_rule_id
      FROM json_to_recordset($2::json) AS x(id bigint, company_id uuid, identified_by text, noise_rule_id uuid)
     WHERE w.account_id = $1 AND w.id = x.id`;

/**
 * Ingestion and reprocessing of one account's events hold its lock, shared and exclusive respectively, and both hold
 * the directory's merge lock shared (CompanyDirectory.merge takes it exclusively): a merge waits for the batches
 * being stored, and a batch stored after a merge sees it. The same statement raises the transaction's work_mem for
 * the counting statement's sorts and hashes.
 */
const BATCH_MEMORY = `set_config('work_mem', '64MB', true)`;
const EVENTS_LOCK = `SELECT pg_advisory_xact_lock_shared(hashtext('web_event:' || $1)), pg_advisory_xact_lock_shared(${MERGE_LOCK}), ${BATCH_MEMORY}`;
const REPROCESS_LOCK = `SELECT pg_advisory_xact_lock(hashtext('web_event:' || $1)), pg_advisory_xact_lock_shared(${MERGE_LOCK}), ${BATCH_MEMORY}`;

/** The directory's `domains` counter as this transaction sees it (read after the merge lock is held). */
const DIRECTORY_VERSION = `SELECT domains::text AS domains FROM company_directory_version`;

/** A deadlock between concurrent batches (rows met in another order), or an event id stored meanwhile by another. */
const RETRIED = new Set(["40P01", "23505"]);

const emptyResult = (): IngestResult => ({ accepted: 0, duplicates: 0, identified: 0, dropped: 0, unknown: 0, invalid: [] });

/** A batch as identified, with the directory's `domains` counter it was identified under (see Identification). */
interface IdentifiedBatch {
  events: IdentifiedEvent[];
  version: string;
}

interface BatchResult {
  written: number;
  identified: number;
  dropped: number;
  changed: { company_id: string; rank_key: number }[];
}

/**
 * Website and CRM activity in: events are validated, noise rules applied and identified to companies in this
 * process (creating a company for an unknown corporate domain), then per batch of 5,000, in one transaction: events
 * whose id is stored already are left out (a re-sent batch adds nothing), the rest appended to `web_event`
 * (ArchiveWriter) and counted here into one row per (company, day), which one statement adds to daily signals and
 * scores.
 */
export class EventIngestion {
  constructor(
    private readonly archive: ArchiveWriter,
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
    const total = emptyResult();
    const { noise, settings } = await this.rules(scope); // as they stand when the upload begins
    const store = this.storing(scope, noise, settings, total);
    let batch: unknown[] = [];
    let numbers: number[] = [];
    const flush = async () => {
      const { events, invalid } = this.prepare(batch);
      for (const bad of invalid) if (total.invalid.length < 100) total.invalid.push({ index: numbers[bad.index], message: bad.message });
      batch = [];
      numbers = [];
      await store.add(await this.identify(events, noise));
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
    await store.finished();
    return total;
  }

  /** Noise rules and scoring settings, read once per call (or per upload) rather than per batch. */
  private async rules(scope: AccountScope): Promise<{ noise: NoiseFilter; settings: string }> {
    return { noise: await this.noiseFilter(scope), settings: settingsJson(await this.scoring.settings(scope)) };
  }

  /** Events pushed at once (GraphQL); refused ones are reported by their position. */
  async ingest(scope: AccountScope, events: unknown[]): Promise<IngestResult> {
    const total = emptyResult();
    const { noise, settings } = await this.rules(scope);
    const store = this.storing(scope, noise, settings, total);
    for (let i = 0; i < events.length; i += BATCH) {
      const { events: valid, invalid } = this.prepare(events.slice(i, i + BATCH));
      for (const bad of invalid) total.invalid.push({ index: i + bad.index, message: bad.message });
      await store.add(await this.identify(valid, noise));
    }
    await store.finished();
    return total;
  }

  /** Validates a batch as sent; what is refused is reported by its position in the batch. */
  private prepare(raw: unknown[]): { events: WebEvent[]; invalid: IngestResult["invalid"] } {
    const now = this.clock.now().getTime();
    const events: WebEvent[] = [];
    const invalid: IngestResult["invalid"] = [];
    raw.forEach((item, index) => {
      try {
        events.push(parseWebEvent(item, now));
      } catch (error) {
        if (!(error instanceof WebEventError)) throw error;
        invalid.push({ index, message: error.message });
      }
    });
    return { events, invalid };
  }

  /**
   * Stores an upload's batches one after another, adding their counts to `total`, while the caller reads and
   * identifies the next one: this process's work on a batch overlaps PostgreSQL's on the one before. At most one
   * batch is stored and one prepared at a time; a failed batch fails the upload at the next `add` or at `finished`.
   */
  private storing(scope: AccountScope, noise: NoiseFilter, settings: string, total: IngestResult) {
    let previous: Promise<void> = Promise.resolve();
    return {
      add: async (batch: IdentifiedBatch): Promise<void> => {
        await previous;
        if (!batch.events.length) return;
        const stored = this.store(scope, batch, noise, settings).then((counted) => {
          total.accepted += counted.written;
          total.duplicates += batch.events.length - counted.written;
          total.identified += counted.identified;
          total.dropped += counted.dropped;
          total.unknown += counted.written - counted.identified - counted.dropped;
          this.publishScores(scope, counted.changed, settings);
        });
        stored.catch(() => undefined); // awaited by the next add or by finished, which throw it
        previous = stored;
      },
      finished: (): Promise<void> => previous,
    };
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
      // The directory is shared by every account, and on the embedded database this transaction holds the only connection.
      const sql = clientSql(client);
      let done = 0;
      for (let after = "0"; ; ) {
        const events = await client.query<{ id: string; event_id: string | null; type: string; occurred_at: Date; ip: string | null; email: string | null; payload: Record<string, unknown> }>(
          `SELECT id::text AS id, event_id, type, occurred_at, host(ip) AS ip, email, payload FROM web_event
            WHERE account_id = $1 AND occurred_at >= $2 AND id > $3::bigint ORDER BY id LIMIT ${BATCH}`,
          [day, after],
        );
        if (!events.length) break;
        const { events: identified } = await this.identify(
          events.map((e) => parseWebEvent({ ...e, occurredAt: e.occurred_at }, Number.MAX_SAFE_INTEGER)),
          noise,
          sql,
        );
        await client.query(REIDENTIFY_SQL, [
          JSON.stringify(identified.map((e, i) => ({ id: events[i].id, company_id: e.companyId, identified_by: e.identifiedBy, noise_rule_id: e.noiseRuleId }))),
        ]);
        // Hits count what ingestion dropped as it happened; reprocessing does not count them again.
        await this.count(client, { ...tallyOf(identified), hits: [] }, settings);
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
  private async identify(events: WebEvent[], noise: NoiseFilter, sql?: Sql): Promise<IdentifiedBatch> {
    const early = events.map((e) => noise.ruleFor(e));
    const { companies: found, version } = await this.lookup.identify(
      events.map((e, i) => (early[i] ? { domain: null, ip: null, v4: null } : { domain: e.free_mail ? null : e.domain, ip: e.ip, v4: e.v4 })),
      sql,
    );
    const identified = events.map((event, i): IdentifiedEvent => {
      const companyId = found[i]?.companyId ?? null;
      const noiseRuleId = early[i] ?? (companyId && noise.ruleForCompany(companyId));
      if (noiseRuleId) return { event, companyId: null, identifiedBy: "noise", noiseRuleId };
      return { event, companyId, identifiedBy: found[i]?.by ?? (event.free_mail ? "free-mail" : "unknown"), noiseRuleId: null };
    });
    return { events: identified, version };
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

  /**
   * One transaction per batch: the events not stored yet are archived and counted. A batch identified before a
   * merge committed is identified again (its events would count for the merged company). A deadlock with a
   * concurrent batch, or an event id that one stored meanwhile, rolls the batch back and runs it again.
   */
  private async store(scope: AccountScope, batch: IdentifiedBatch, noise: NoiseFilter, settings: string): Promise<BatchResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await scope.withClientTransaction(async (client: ScopedClient) => {
          await client.query(EVENTS_LOCK);
          const sql = clientSql(client);
          const [{ domains }] = await sql<{ domains: string }>(DIRECTORY_VERSION);
          const events = domains === batch.version ? batch.events : (await this.identify(batch.events.map((e) => e.event), noise, sql)).events;
          const fresh = await this.unstored(client, events);
          if (!fresh.length) return { written: 0, identified: 0, dropped: 0, changed: [] };
          await this.archive(client, fresh);
          const tally = tallyOf(fresh);
          const changed = await this.count(client, tally, settings);
          return { written: fresh.length, identified: tally.identified, dropped: tally.dropped, changed };
        });
      } catch (error) {
        if (!RETRIED.has((error as { code?: string }).code ?? "") || attempt >= 5) throw error;
      }
    }
  }

  /** The events of a batch whose id is neither stored nor repeated earlier in the batch (events without an id all are). */
  private async unstored(client: ScopedClient, batch: IdentifiedEvent[]): Promise<IdentifiedEvent[]> {
    const ids = batch.filter((e) => e.event.event_id).map((e) => e.event.event_id!);
    if (!ids.length) return batch;
    const seen = new Set((await client.query<{ event_id: string }>(STORED_IDS, [ids])).map((r) => r.event_id));
    return batch.filter(({ event: { event_id: id } }) => !id || (!seen.has(id) && !!seen.add(id)));
  }

  private async count(client: ScopedClient, tally: EventTally, settings: string): Promise<BatchResult["changed"]> {
    if (!tally.signals.length && !tally.unknown.length && !tally.hits.length) return [];
    const [row] = await client.query<{ changed: BatchResult["changed"] }>(COUNTING_SQL, [
      JSON.stringify(tally.signals),
      settings,
      JSON.stringify(tally.unknown),
      JSON.stringify(tally.hits),
    ]);
    return row.changed;
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
