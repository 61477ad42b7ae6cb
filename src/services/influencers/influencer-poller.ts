import type { DataSource } from "typeorm";
import { AccountScope } from "../../db/account-scope";
import { Connection } from "../../entities/connection";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { HttpClient, HttpError } from "../../connectors/http-client";
import { Semaphore } from "../../connectors/concurrency";
import type { ConnectorContext } from "../../connectors/contract";
import { fetchInfluencer, InfluencerNotFoundError, InfluencerReading, MockstagramConfig } from "../../connectors/mockstagram";
import type { ConnectionService } from "../connections/connection-service";
import { influencerPollLagSeconds, influencerReadingsTotal } from "../../metrics";
import { missedSlots, slotAt } from "./slots";
import { Gap, MetricStore, Reading } from "./metric-store";

export interface PollerOptions {
  /** Polls in flight at once in this process, across connections (each connection also has its own limit). */
  maxInFlight: number;
  /** How often due influencers are claimed. */
  tickMs: number;
  /** Readings are written when this many are buffered, or every flushMs. */
  batchSize: number;
  flushMs: number;
  /** Attempts of one slot's read before the slot is given up as a gap (retries stop at the slot's end anyway). */
  attempts: number;
  requestTimeoutMs: number;
}

export const defaultPollerOptions: PollerOptions = {
  maxInFlight: 500,
  tickMs: 100,
  batchSize: 2000,
  flushMs: 250,
  attempts: 6,
  requestTimeoutMs: 10_000,
};

interface Claimed {
  id: string;
  account_id: string;
  pk: string;
  connection_id: string;
  interval_seconds: number;
  offset_ms: number;
  due_at: Date;
  /** The last poll failed: a success clears the error state. */
  failing: boolean;
  /** Never read: a success records the username. */
  nameless: boolean;
}

interface Source {
  ctx: ConnectorContext<MockstagramConfig, unknown>;
  limit: Semaphore;
}

const SOURCE_TTL_MS = 60_000;
/** How long a poller that found nothing due waits before asking again: a slot is read at most this late. */
const IDLE_REST_MS = 1000;

/**
 * Reads every tracked influencer once per slot. Each tick claims the influencers that have fallen due, as many as
 * there is room in flight, in due order, moving each to its next slot in the claiming statement (`FOR UPDATE
 * SKIP LOCKED`): any number of processes share the load without assigning pks to nodes, and N processes poll
 * about N times as many. A failed read is retried at once, with a short back-off, until the slot ends; a slot that
 * cannot be filled, or that passed while the poller was behind, is recorded as a gap — never as a made-up point.
 *
 * Backpressure: only free room in flight is claimed, so when the source slows the oldest-due are read first and
 * every influencer slips alike; the lag (how long the oldest due influencer has waited) is exported, and slots
 * that slip past their end become gaps rather than a growing pile of requests.
 */
export class InfluencerPoller {
  private timer?: NodeJS.Timeout;
  private flushTimer?: NodeJS.Timeout;
  private ticking = false;
  /** After a claim that found nothing due, the timer rests until then (an idle worker queries once a second). */
  private restUntil = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private buffer: Reading[] = [];
  private recovered: string[] = [];
  private named: { influencerId: string; username: string }[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private readonly sources = new Map<string, { source: Promise<Source>; loadedAt: number }>();
  private readonly options: PollerOptions;
  /** Counts since start, for the benchmark and the status query. */
  readonly counters = { polled: 0, failedAttempts: 0, gaps: 0, written: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionService,
    private readonly store: MetricStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: Partial<PollerOptions> = {},
  ) {
    this.options = { ...defaultPollerOptions, ...options };
  }

  start(): void {
    this.timer = setInterval(() => {
      if (this.ticking || Date.now() < this.restUntil) return;
      this.ticking = true;
      this.tick()
        .catch((err) => this.logger.error({ err }, "influencer poll tick failed"))
        .finally(() => (this.ticking = false));
    }, this.options.tickMs);
    this.flushTimer = setInterval(() => void this.flush(), this.options.flushMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.flushTimer);
    await this.idle();
  }

  /** Claims what is due and room allows, and starts reading it; returns how many were claimed. */
  async tick(): Promise<number> {
    const room = this.options.maxInFlight - this.inFlight.size;
    if (room <= 0) return 0;
    const now = this.clock.now().getTime();
    const claimed = await this.claim(now, room);
    if (!claimed.length) this.restUntil = Date.now() + IDLE_REST_MS;
    const gaps: Gap[] = [];
    for (const row of claimed) {
      const intervalMs = row.interval_seconds * 1000;
      const current = slotAt(now, intervalMs, row.offset_ms);
      for (const slot of missedSlots(row.due_at.getTime(), current, intervalMs)) {
        gaps.push({ influencerId: row.id, slot, reason: "missed: the pollers were behind" });
      }
      const poll = this.poll(row, current, current + intervalMs).finally(() => this.inFlight.delete(poll));
      this.inFlight.add(poll);
    }
    if (gaps.length) {
      this.counters.gaps += gaps.length;
      await this.store.recordGaps(gaps);
    }
    return claimed.length;
  }

  /** Waits for every read in flight and writes what they read (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
    await this.flush();
  }

  /** How long the oldest due influencer has waited past its slot, in seconds (0 when none is due). */
  async lagSeconds(): Promise<number> {
    const [row]: { oldest: Date | null }[] = await this.dataSource.query(`SELECT min(next_poll_at) AS oldest FROM influencer`);
    const lag = row.oldest ? Math.max(0, (this.clock.now().getTime() - new Date(row.oldest).getTime()) / 1000) : 0;
    influencerPollLagSeconds.set(lag);
    return lag;
  }

  private async claim(now: number, limit: number): Promise<Claimed[]> {
    // The next slot after now: floor((now - offset) / interval) * interval + offset + interval, in ms. (TypeORM
    // answers an UPDATE … RETURNING with [rows, count].)
    const [rows] = await this.dataSource.query(
      `UPDATE influencer i
          SET next_poll_at = to_timestamp((floor(($1::bigint - i.offset_ms)::numeric / (i.interval_seconds * 1000))
                                           * (i.interval_seconds * 1000) + i.offset_ms + i.interval_seconds * 1000) / 1000.0)
         FROM (SELECT id, next_poll_at AS due_at FROM influencer
                WHERE next_poll_at <= to_timestamp($1::bigint / 1000.0)
                ORDER BY next_poll_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
        WHERE i.id = due.id
       RETURNING i.id::text AS id, i.account_id, i.pk::text AS pk, i.connection_id, i.interval_seconds, i.offset_ms, due.due_at,
                 i.error IS NOT NULL AS failing, i.username IS NULL AS nameless`,
      [now, limit],
    );
    return rows;
  }

  /** One slot of one influencer: read, retried until it succeeds, is not found, or the slot ends. */
  private async poll(row: Claimed, slot: number, slotEnd: number): Promise<void> {
    const pk = Number(row.pk);
    let lastError = "";
    try {
      const source = await this.sourceFor(row);
      for (let attempt = 0; attempt < this.options.attempts; attempt++) {
        const release = await source.limit.acquire();
        let reading: InfluencerReading;
        try {
          reading = await fetchInfluencer(source.ctx, pk);
        } catch (error) {
          if (error instanceof InfluencerNotFoundError) return await this.giveUp(row, slot, error.message);
          this.counters.failedAttempts++;
          lastError = describe(error);
          const wait = Math.min(50 * 2 ** attempt, 1000);
          if (this.clock.now().getTime() + wait >= slotEnd) break;
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        } finally {
          release();
        }
        this.counters.polled++;
        if (row.failing) this.recovered.push(row.id);
        if (row.nameless && reading.username) this.named.push({ influencerId: row.id, username: reading.username });
        this.push({ influencerId: row.id, slot, followerCount: reading.followerCount, followingCount: reading.followingCount, readAt: this.clock.now().getTime() });
        return;
      }
      await this.giveUp(row, slot, `failed: ${lastError}`);
    } catch (error) {
      this.logger.error({ err: error, influencer: row.pk }, "influencer poll failed");
      await this.giveUp(row, slot, `failed: ${describe(error)}`).catch(() => undefined);
    }
  }

  private async giveUp(row: Claimed, slot: number, reason: string): Promise<void> {
    this.counters.gaps++;
    await this.store.recordGaps([{ influencerId: row.id, slot, reason }], { influencerIds: [row.id], error: reason, at: this.clock.now().getTime() });
  }

  private push(reading: Reading): void {
    this.buffer.push(reading);
    if (this.buffer.length >= this.options.batchSize) void this.flush();
  }

  /** Writes the buffered readings; one write at a time, so batches stay large under load. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.recovered.length || this.named.length) {
        const [recovered, named] = [this.recovered, this.named];
        [this.recovered, this.named] = [[], []];
        await this.store.noteReads(recovered, named).catch((err) => this.logger.error({ err }, "could not update influencers after reads"));
      }
      while (this.buffer.length) {
        const batch = this.buffer.splice(0, this.options.batchSize);
        try {
          const written = await this.store.write(batch);
          this.counters.written += written;
          influencerReadingsTotal.inc(written);
        } catch (err) {
          // The slots stay unfilled (their influencers have moved on): recorded as gaps, not retried forever.
          this.logger.error({ err, readings: batch.length }, "could not write influencer readings");
          await this.store.recordGaps(batch.map((r) => ({ influencerId: r.influencerId, slot: r.slot, reason: `write failed: ${describe(err)}` }))).catch(() => undefined);
        }
      }
    });
    return this.flushing;
  }

  /**
   * The connection's context and its in-flight limit, kept for a minute (config changes apply within it). The
   * loading itself is shared: a thousand polls starting at once load the connection once and share one limit.
   */
  private sourceFor(row: Claimed): Promise<Source> {
    const cached = this.sources.get(row.connection_id);
    const now = Date.now();
    if (cached && now - cached.loadedAt < SOURCE_TTL_MS) return cached.source;
    const source = this.loadSource(row, cached?.source);
    this.sources.set(row.connection_id, { source, loadedAt: now });
    source.catch(() => this.sources.delete(row.connection_id)); // a failed load is retried by the next poll
    return source;
  }

  private async loadSource(row: Claimed, previous: Promise<Source> | undefined): Promise<Source> {
    const scope = AccountScope.of(this.dataSource, row.account_id);
    const connection = await scope.get(Connection, row.connection_id, "connection");
    // Retries are the poller's (bounded by the slot), so the client itself does not retry or pace.
    const http = new HttpClient({ retries: 0, ratePerSecond: 1e9, timeoutMs: this.options.requestTimeoutMs });
    const ctx = (await this.connections.contextFor(scope, connection, http)) as ConnectorContext<MockstagramConfig, unknown>;
    const before = await previous?.catch(() => undefined);
    const limit = before && before.limit.max === ctx.config.concurrency ? before.limit : new Semaphore(ctx.config.concurrency);
    return { ctx, limit };
  }
}

function describe(error: unknown): string {
  if (error instanceof HttpError) return `HTTP ${error.status}`;
  return error instanceof Error ? error.message : String(error);
}
