import TinyQueue from "tinyqueue";
import { Pool } from "undici";
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
import { firstSlotFrom, missedSlots, slotAt } from "./slots";
import { Gap, MetricStore, Reading } from "./metric-store";
import { isDatabaseUnavailable } from "../../db/unavailable";
import { PollShards, pollingLag, Progress, TakenShard } from "./poll-shards";

export interface PollerOptions {
  /** Polls in flight at once in this process, across connections (each connection also has its own limit). */
  maxInFlight: number;
  /** How often due influencers are dispatched (a finished poll also dispatches the next due at once). */
  tickMs: number;
  /** Readings are written when this many are buffered, or every flushMs. */
  batchSize: number;
  flushMs: number;
  /** Attempts of one slot's read before the slot is given up as a gap (retries stop at the slot's end anyway). */
  attempts: number;
  requestTimeoutMs: number;
  /**
   * Readings (and, apart, gaps) held at most while the database cannot be reached. A longer outage drops the
   * oldest, which then have neither a reading nor a gap (neither can be written); `counters.dropped` says how many.
   */
  maxHeld: number;
}

export const defaultPollerOptions: PollerOptions = {
  maxInFlight: 500,
  tickMs: 50,
  batchSize: 2000,
  flushMs: 250,
  attempts: 6,
  requestTimeoutMs: 10_000,
  maxHeld: 500_000, // a minute of 500,000 influencers, about 60 MB
};

/** A tracked influencer of a held shard, with the start of the next slot to dispatch. */
interface Tracked {
  id: string;
  accountId: string;
  pk: number;
  connectionId: string;
  shard: number;
  intervalMs: number;
  offsetMs: number;
  due: number;
  /** The last poll failed: a success clears the error state. */
  failing: boolean;
  /** Never read: a success records the username. */
  nameless: boolean;
}

interface Row {
  id: string;
  account_id: string;
  pk: string;
  connection_id: string;
  shard: number;
  interval_seconds: number;
  offset_ms: number;
  next_poll_at: Date;
  failing: boolean;
  nameless: boolean;
}

interface Source {
  ctx: ConnectorContext<MockstagramConfig, unknown>;
  limit: Semaphore;
}

const SOURCE_TTL_MS = 60_000;
/** Leases are renewed, and the directory's version checked, this often (on the poller's clock). */
const HEARTBEAT_MS = 1000;

const byDue = (a: Tracked, b: Tracked) => a.due - b.due;

/**
 * Reads every tracked influencer once per slot. Each poller process leases a fair share of the 64 shards
 * (PollShards) and keeps their influencers in memory, in a heap by the start of their next slot: dispatching a due
 * influencer costs no database round trip, and a reading costs one row of a batched COPY. N processes poll about
 * N times as many, and no pk is tied to a node: the shards move between live processes as they come and go.
 * A failed read is retried at once, with a short back-off, until the slot ends; a slot that cannot be filled, or
 * that passed while the poller was behind, is recorded as a gap — never as a made-up point.
 *
 * Backpressure: at most `maxInFlight` reads are out (and the connection's own concurrency), the oldest-due first,
 * so when the source slows every influencer slips alike, slots that slip past their end become gaps instead of a
 * growing pile of requests, and the lag (how long the oldest due slot has waited) is reported.
 *
 * The heap is a library's (tinyqueue); a reschedule is a pop and a push.
 */
export class InfluencerPoller {
  private timer?: NodeJS.Timeout;
  private flushTimer?: NodeJS.Timeout;
  private running = false;
  /** The timer's tick under way, if any (one at a time; stop waits for it). */
  private ticking?: Promise<unknown>;
  private lastBeat = Number.NEGATIVE_INFINITY;
  private version: string | undefined;
  private readonly shards: PollShards;
  private tracked = new Map<string, Tracked>();
  private queue = new TinyQueue<Tracked>([], byDue);
  private readonly inFlight = new Set<Promise<void>>();
  private buffer: Reading[] = [];
  private gaps: Gap[] = [];
  private recovered: string[] = [];
  private named: { influencerId: string; username: string }[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private readonly sources = new Map<string, { source: Promise<Source>; loadedAt: number }>();
  /** Keep-alive connections per source origin, concurrency and pipelining, for the poller's life. */
  private readonly pools = new Map<string, Pool>();
  private readonly options: PollerOptions;
  /** Counts since start, for the benchmark and the status query. */
  readonly counters = { polled: 0, failedAttempts: 0, gaps: 0, written: 0, dropped: 0 };
  /** When a flush first found the database unreachable (undefined while it is not), and what that outage dropped. */
  private unavailableSince: number | undefined;
  private droppedInOutage = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionService,
    readonly store: MetricStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: Partial<PollerOptions> = {},
  ) {
    this.options = { ...defaultPollerOptions, ...options };
    this.shards = new PollShards(dataSource);
  }

  start(): void {
    this.running = true;
    this.timer = setInterval(() => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((err) => this.logger.error({ err }, "influencer poll tick failed"))
        .finally(() => (this.ticking = undefined));
    }, this.options.tickMs);
    this.flushTimer = setInterval(() => void this.flush(), this.options.flushMs);
  }

  /** Stops dispatching, waits for the reads out, writes them, and gives the shards back with how far they got. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    clearInterval(this.flushTimer);
    await this.ticking;
    await this.idle();
    if (this.buffer.length || this.gaps.length) {
      this.logger.warn({ readings: this.buffer.length, gaps: this.gaps.length }, "stopped while the database was unreachable: held influencer writes lost");
    }
    if (this.shards.held.size) await this.shards.release(this.progress(this.clock.now().getTime()));
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }

  /**
   * A heartbeat when one is due (leases renewed and balanced, influencers reloaded when the directory moved), then
   * every due influencer dispatched that room allows; returns how many were dispatched.
   */
  async tick(): Promise<number> {
    const now = this.clock.now().getTime();
    const beat = now - this.lastBeat >= HEARTBEAT_MS || now < this.lastBeat;
    if (beat) {
      this.lastBeat = now;
      await this.heartbeat(now);
    }
    const dispatched = this.dispatch(now);
    if (beat) await this.shards.report(this.progress(now));
    return dispatched;
  }

  /** Waits for every read in flight and writes what they read (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
    await this.flush();
  }

  /** How far behind polling is, platform-wide (every poller's report); also sets the exported gauge. */
  async lagSeconds(): Promise<number> {
    const { lagSeconds } = await pollingLag(this.dataSource, this.clock.now().getTime());
    influencerPollLagSeconds.set(lagSeconds);
    return lagSeconds;
  }

  /** Every slot starting before `dispatchedThrough` was sent out; the lag is the wait of the oldest one due. */
  private progress(now: number): Progress {
    const top = this.queue.peek();
    const dispatchedThrough = top ? Math.min(top.due, now) : now;
    const lagSeconds = Math.max(0, (now - dispatchedThrough) / 1000);
    // Counted only when behind (a scan of the heap): slots that came within the last second are not waiting.
    let backlog = 0;
    if (lagSeconds >= 1) for (const t of this.queue.data) if (t.due <= now) backlog++;
    return { dispatchedThrough, lagSeconds, backlog };
  }

  private async heartbeat(now: number): Promise<void> {
    const { taken, lost, version } = await this.shards.balance(now, this.progress(now));
    if (lost.length) {
      const gone = new Set(lost);
      for (const [id, t] of this.tracked) if (gone.has(t.shard)) this.tracked.delete(id);
    }
    const progress = new Map(taken.map((s) => [s.shard, s]));
    if (version !== this.version) {
      this.version = version;
      await this.load([...this.shards.held], now, progress);
    } else if (taken.length) {
      await this.load(taken.map((s) => s.shard), now, progress);
    } else if (lost.length) {
      this.queue = new TinyQueue([...this.tracked.values()], byDue);
    }
  }

  /**
   * (Re)loads the influencers of `shards`. One already scheduled keeps its next slot unless its placement changed;
   * a new one starts at its first slot, or, in a shard taken over, at the first slot its previous poller had not
   * dispatched. Then the heap is rebuilt.
   */
  private async load(shards: number[], now: number, taken: Map<number, TakenShard>): Promise<void> {
    const rows: Row[] = shards.length
      ? await this.dataSource.query(
          `SELECT id::text AS id, account_id, pk::text AS pk, connection_id, shard, interval_seconds, offset_ms, next_poll_at,
                  error IS NOT NULL AS failing, username IS NULL AS nameless
             FROM influencer WHERE shard = ANY($1::smallint[])`,
          [shards],
        )
      : [];
    const reloaded = new Set(shards);
    const next = new Map<string, Tracked>();
    for (const [id, t] of this.tracked) if (!reloaded.has(t.shard)) next.set(id, t);
    for (const r of rows) {
      const intervalMs = r.interval_seconds * 1000;
      const before = this.tracked.get(r.id);
      if (before && before.intervalMs === intervalMs && before.offsetMs === r.offset_ms && before.connectionId === r.connection_id) {
        next.set(r.id, before);
        continue;
      }
      let due = r.next_poll_at.getTime();
      // A shard's progress from the future (a clock that moved back) is not taken: starting earlier only means
      // checking slots that were already read.
      const through = taken.get(r.shard)?.polledThrough;
      if (through != null && through <= now) due = Math.max(due, firstSlotFrom(through, intervalMs, r.offset_ms));
      next.set(r.id, {
        id: r.id,
        accountId: r.account_id,
        pk: Number(r.pk),
        connectionId: r.connection_id,
        shard: r.shard,
        intervalMs,
        offsetMs: r.offset_ms,
        due,
        failing: r.failing,
        nameless: r.nameless,
      });
    }
    this.tracked = next;
    this.queue = new TinyQueue([...next.values()], byDue);
  }

  /** Sends out every due influencer that room allows, oldest slot first; slots already over become gaps. */
  private dispatch(now: number): number {
    let dispatched = 0;
    while (this.inFlight.size < this.options.maxInFlight) {
      const t = this.queue.peek();
      if (!t || t.due > now) break;
      this.queue.pop();
      const current = slotAt(now, t.intervalMs, t.offsetMs);
      for (const slot of missedSlots(t.due, current, t.intervalMs)) this.gap({ influencerId: t.id, slot, reason: "missed: the pollers were behind" });
      t.due = current + t.intervalMs;
      this.queue.push(t);
      const poll = this.poll(t, current, current + t.intervalMs).finally(() => {
        this.inFlight.delete(poll);
        if (this.running) this.dispatch(this.clock.now().getTime());
      });
      this.inFlight.add(poll);
      dispatched++;
    }
    return dispatched;
  }

  /** One slot of one influencer: read, retried until it succeeds, is not found, or the slot ends. */
  private async poll(t: Tracked, slot: number, slotEnd: number): Promise<void> {
    let lastError = "";
    try {
      const source = await this.sourceFor(t);
      for (let attempt = 0; attempt < this.options.attempts; attempt++) {
        const release = await source.limit.acquire();
        let reading: InfluencerReading;
        try {
          reading = await fetchInfluencer(source.ctx, t.pk);
        } catch (error) {
          if (error instanceof InfluencerNotFoundError) return await this.giveUp(t, slot, error.message);
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
        if (t.failing) {
          t.failing = false;
          this.recovered.push(t.id);
        }
        if (t.nameless && reading.username) {
          t.nameless = false;
          this.named.push({ influencerId: t.id, username: reading.username });
        }
        this.buffer.push({ influencerId: t.id, slot, followerCount: reading.followerCount, followingCount: reading.followingCount, readAt: this.clock.now().getTime() });
        // While the database is unreachable the flush timer alone tries again, not every reading.
        if (this.buffer.length >= this.options.batchSize && this.unavailableSince === undefined) void this.flush();
        return;
      }
      await this.giveUp(t, slot, `failed: ${lastError}`);
    } catch (error) {
      this.logger.error({ err: error, influencer: t.pk }, "influencer poll failed");
      await this.giveUp(t, slot, `failed: ${describe(error)}`).catch(() => undefined);
    }
  }

  private gap(gap: Gap): void {
    this.counters.gaps++;
    this.gaps.push(gap);
  }

  private async giveUp(t: Tracked, slot: number, reason: string): Promise<void> {
    this.counters.gaps++;
    t.failing = true;
    await this.store.recordGaps([{ influencerId: t.id, slot, reason }], { influencerIds: [t.id], error: reason, at: this.clock.now().getTime() });
  }

  /**
   * Writes the buffered readings and gaps; one write at a time, so batches stay large under load. While the
   * database cannot be reached (a restart, a failover) what could not be written is held and the flush stops; the
   * next flush writes it, so an outage of the database costs no slot the source answered.
   */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.recovered.length || this.named.length) {
        const [recovered, named] = [this.recovered, this.named];
        [this.recovered, this.named] = [[], []];
        const written = await this.attempt("influencer states", () => this.store.noteReads(recovered, named), () => {
          this.recovered = recovered.concat(this.recovered);
          this.named = named.concat(this.named);
        });
        if (!written) return;
      }
      if (this.gaps.length) {
        const gaps = this.gaps;
        this.gaps = [];
        if (!(await this.attempt("missed slots", () => this.store.recordGaps(gaps), () => (this.gaps = gaps.concat(this.gaps))))) return;
      }
      while (this.buffer.length) {
        const batch = this.buffer.splice(0, this.options.batchSize);
        const written = await this.attempt(
          "influencer readings",
          async () => {
            const n = await this.store.write(batch);
            this.counters.written += n;
            influencerReadingsTotal.inc(n);
          },
          () => (this.buffer = batch.concat(this.buffer)),
          // Refused, not unreachable: the slots stay unfilled (their influencers have moved on), recorded as gaps.
          (err) => this.store.recordGaps(batch.map((r) => ({ influencerId: r.influencerId, slot: r.slot, reason: `write failed: ${describe(err)}` }))),
        );
        if (!written) return;
      }
      if (this.unavailableSince !== undefined) {
        const outage = { seconds: (Date.now() - this.unavailableSince) / 1000, dropped: this.droppedInOutage };
        this.logger.info(outage, "database reachable again; held influencer writes written");
        this.unavailableSince = undefined;
        this.droppedInOutage = 0;
      }
    });
    return this.flushing;
  }

  /**
   * One write of a flush; false when the database could not be reached, after `hold` has kept what it carried for
   * the next flush. Any other failure is logged, handed to `refused`, and the flush goes on.
   */
  private async attempt(what: string, write: () => Promise<void>, hold: () => void, refused?: (err: unknown) => Promise<void>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        hold();
        this.buffer = this.bounded(this.buffer);
        this.gaps = this.bounded(this.gaps);
        if (this.unavailableSince === undefined) {
          this.unavailableSince = Date.now();
          this.logger.warn({ err, held: this.buffer.length }, `database unreachable: ${what} held until it is back`);
        }
        return false;
      }
      this.logger.error({ err }, `could not write ${what}`);
      await refused?.(err).catch(() => undefined);
      return true;
    }
  }

  /** At most `maxHeld` of what waits for the database: past it the oldest are dropped, and counted. */
  private bounded<T>(all: T[]): T[] {
    const { maxHeld } = this.options;
    if (all.length <= maxHeld) return all;
    const dropped = all.length - maxHeld;
    if (this.droppedInOutage === 0) this.logger.error({ held: maxHeld }, "database unreachable too long: dropping the oldest held influencer writes");
    this.droppedInOutage += dropped;
    this.counters.dropped += dropped;
    return all.slice(dropped);
  }

  /**
   * The connection's context and its in-flight limit, kept for a minute (config changes apply within it). The
   * loading itself is shared: a thousand polls starting at once load the connection once and share one limit.
   */
  private sourceFor(t: Tracked): Promise<Source> {
    const cached = this.sources.get(t.connectionId);
    const now = Date.now();
    if (cached && now - cached.loadedAt < SOURCE_TTL_MS) return cached.source;
    const source = this.loadSource(t, cached?.source);
    this.sources.set(t.connectionId, { source, loadedAt: now });
    source.catch(() => this.sources.delete(t.connectionId)); // a failed load is retried by the next poll
    return source;
  }

  private async loadSource(t: Tracked, previous: Promise<Source> | undefined): Promise<Source> {
    const scope = AccountScope.of(this.dataSource, t.accountId);
    const connection = await scope.get(Connection, t.connectionId, "connection");
    // Retries are the poller's (bounded by the slot), so the client itself does not retry or pace. A fixed pool of
    // keep-alive connections (concurrency / pipelining): the global agent would open one per request in flight,
    // and every extra socket costs its reads and writes.
    const http = new HttpClient({ retries: 0, ratePerSecond: 1e9, timeoutMs: this.options.requestTimeoutMs });
    const ctx = (await this.connections.contextFor(scope, connection, http)) as ConnectorContext<MockstagramConfig, unknown>;
    http.useDispatcher(this.poolFor(ctx.config));
    const before = await previous?.catch(() => undefined);
    const limit = before && before.limit.max === ctx.config.concurrency ? before.limit : new Semaphore(ctx.config.concurrency);
    return { ctx, limit };
  }

  private poolFor({ baseUrl, concurrency, pipelining }: MockstagramConfig): Pool {
    const origin = new URL(baseUrl).origin;
    const key = `${origin} ${concurrency} ${pipelining}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new Pool(origin, { connections: Math.ceil(concurrency / pipelining), pipelining, keepAliveTimeout: 30_000 });
      this.pools.set(key, pool);
    }
    return pool;
  }

}

function describe(error: unknown): string {
  if (error instanceof HttpError) return `HTTP ${error.status}`;
  return error instanceof Error ? error.message : String(error);
}
