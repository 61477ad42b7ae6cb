import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { AccountScope } from "../../src/db/account-scope";
import { ManualClock, systemClock } from "../../src/clock";
import { Queues } from "../../src/jobs/queue";
import { InfluencerPoller } from "../../src/services/influencers/influencer-poller";
import { MetricStore, Reading } from "../../src/services/influencers/metric-store";
import type { ClassifyJob } from "../../src/services/influencers/influencer-classifier";
import { FakeMockstagram, isSuspicious, startFakeMockstagram } from "../fakes/mockstagram";
import { eventually, startTestConflux, TestConflux, usesPostgres } from "../helpers/test-conflux";
import { startTcpProxy } from "../helpers/tcp-proxy";
import { openDatabase } from "../../src/db/database";
import {
  InfluencerMetricDocument,
  InfluencerMetricSubscription,
  InfluencerMetricsDocument,
  InfluencerRanksDocument,
  InfluencerStateDocument,
  MetricInterval,
  TrackInfluencerRangeDocument,
  TrackInfluencersDocument,
  UntrackInfluencersDocument,
} from "../generated/graphql";
import { print } from "graphql";

/**
 * Influencer metrics against the Mockstagram fake, with time made fast: the clock is moved slot by slot and the
 * poller is ticked by hand (no timers), so every test sees exactly the slots it asked for.
 */

const MINUTE = 60_000;
const START = new Date("2026-03-02T10:00:00Z").getTime();

let t: TestConflux;
let fake: FakeMockstagram;
let clock: ManualClock;
let scope: AccountScope;
let connectionId: string;

beforeAll(async () => {
  clock = new ManualClock(new Date(START));
  fake = await startFakeMockstagram({ seed: 7, classifierDelayMs: [5, 20] });
  t = await startTestConflux({ clock, influencerPolling: { maxInFlight: 400, attempts: 10 } });
  scope = AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId);
  const connection = await t.conflux.services.connections.register(scope, {
    kind: "mockstagram",
    name: "mockstagram",
    config: { baseUrl: fake.url, concurrency: 100, pipelining: 2 }, // every count below holds with reads pipelined
  });
  connectionId = connection.id;
}, 60_000);

afterAll(async () => {
  await t?.close();
  await fake?.close();
});

beforeEach(async () => {
  // Each test tracks its own influencers from a clean slate.
  await t.conflux.services.dataSource.query(`DELETE FROM influencer`);
  fake.setOptions({ failureRate: 0 });
  fake.resetStats();
});

/** Every due influencer claimed and read (several ticks when more are due than fit in flight). */
async function pollAll(poller: InfluencerPoller = t.conflux.poller): Promise<void> {
  while ((await poller.tick()) > 0) await poller.idle();
  await poller.idle();
}

async function readingsPerInfluencer(): Promise<Map<string, number[]>> {
  const rows: { pk: string; ts: Date }[] = await t.conflux.services.dataSource.query(
    `SELECT i.pk::text AS pk, m.ts FROM influencer_metric m JOIN influencer i ON i.id = m.influencer_id ORDER BY i.pk, m.ts`,
  );
  const out = new Map<string, number[]>();
  for (const r of rows) out.set(r.pk, [...(out.get(r.pk) ?? []), new Date(r.ts).getTime()]);
  return out;
}

async function gapCount(): Promise<number> {
  const [row] = await t.conflux.services.dataSource.query(`SELECT count(*)::int AS n FROM influencer_gap`);
  return row.n;
}

describe("polling at resolution", () => {
  it("reads 1,000 influencers on a 60 s interval exactly once per slot, spread across the minute", async () => {
    clock.set(new Date(START));
    const res = await t.gql(TrackInfluencerRangeDocument, { connectionId, from: 1_000_000, to: 1_000_999 });
    expect(res.data?.trackInfluencerRange.tracked).toBe(1000);

    expect(await t.conflux.poller.tick()).toBe(0); // first slots open over the next minute, not all at once
    const slots = 5;
    for (let k = 1; k <= slots; k++) {
      clock.set(new Date(START + k * MINUTE));
      await pollAll();
      expect(await t.conflux.poller.tick()).toBe(0); // nothing is due twice in one slot
    }
    const series = await readingsPerInfluencer();
    expect(series.size).toBe(1000);
    for (const times of series.values()) {
      expect(times).toHaveLength(slots);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(MINUTE);
    }
    expect(await gapCount()).toBe(0);
    const calls = fake.stats().callsByPk;
    expect([...calls.values()].every((n) => n === slots)).toBe(true);

    // Offsets spread the slots across the minute: every ten-second band holds about a sixth of them.
    const bands = new Array(6).fill(0);
    for (const times of series.values()) bands[Math.floor((times[0] - START) / 10_000)]++;
    for (const n of bands) expect(n).toBeGreaterThan(100);
  }, 120_000);

  it("fills every slot through retries when the source fails 20% of calls", async () => {
    clock.set(new Date(START + 10 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, range(1_100_000, 200));
    fake.setOptions({ failureRate: 0.2 });
    // Time passes second by second, as it does for a running poller: each influencer is claimed as its slot opens
    // and has the slot to be retried in.
    for (let s = 1; s <= 3 * 60; s++) {
      clock.set(new Date(START + 10 * MINUTE + s * 1000));
      await pollAll();
    }
    const series = await readingsPerInfluencer();
    expect(series.size).toBe(200);
    // Three minutes: each influencer's three slots, one reading each, a minute apart.
    expect([...series.values()].every((times) => times.length === 3 && times[2] - times[0] === 2 * MINUTE)).toBe(true);
    expect(await gapCount()).toBe(0);
    expect(fake.stats().failures).toBeGreaterThan(50); // the retries were real
  });

  it("gives an unknown pk a clear error state and a gap, and reads the rest", async () => {
    clock.set(new Date(START + 20 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, [999, 1_200_000]);
    clock.set(new Date(START + 21 * MINUTE));
    await pollAll();
    const bad = (await t.gql(InfluencerStateDocument, { pk: 999 })).data?.influencer;
    const good = (await t.gql(InfluencerStateDocument, { pk: 1_200_000 })).data?.influencer;
    expect(bad?.error?.message).toMatch(/InfluencerNotFoundError/);
    expect(bad?.latest).toBeNull();
    expect(good?.error).toBeNull();
    expect(good?.latest?.followerCount).toBeGreaterThan(0);
    const gaps = await t.conflux.services.dataSource.query(`SELECT reason FROM influencer_gap`);
    expect(gaps).toEqual([{ reason: expect.stringMatching(/InfluencerNotFoundError/) }]);
  });

  it("clears an influencer's error state at its next successful read", async () => {
    clock.set(new Date(START + 25 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, [1_250_000]);
    fake.setOptions({ failPks: [1_250_000] });
    clock.set(new Date(START + 26 * MINUTE));
    await pollAll();
    const failing = (await t.gql(InfluencerStateDocument, { pk: 1_250_000 })).data?.influencer;
    expect(failing?.error?.message).toMatch(/HTTP 500/);
    fake.setOptions({ failPks: [] });
    clock.set(new Date(START + 27 * MINUTE));
    await pollAll();
    const recovered = await t.conflux.services.influencers.get(scope, 1_250_000);
    expect(recovered?.error).toBeNull();
    expect(recovered?.username).toBe("influencer-1250000");
  });

  it("records the slots a late poller missed as gaps, never as made-up points", async () => {
    clock.set(new Date(START + 30 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, range(1_300_000, 10));
    clock.set(new Date(START + 31 * MINUTE));
    await pollAll();
    clock.set(new Date(START + 34 * MINUTE)); // three slots later: two of them passed unread
    await pollAll();
    const series = await readingsPerInfluencer();
    expect([...series.values()].every((times) => times.length === 2 && times[1] - times[0] === 3 * MINUTE)).toBe(true);
    const [row] = await t.conflux.services.dataSource.query(`SELECT count(*)::int AS n, min(reason) AS reason FROM influencer_gap`);
    expect(row).toEqual({ n: 20, reason: expect.stringMatching(/^missed/) });
    const status = await t.conflux.services.influencers.pollingStatus(scope);
    expect(status).toMatchObject({ trackedCount: 10, due: 0, missedSlotsLastHour: 20, failing: 0 });
  });

  (usesPostgres ? it : it.skip)("holds what it read while the database is unreachable, up to a bound, and writes it once it is back", async () => {
    clock.set(new Date(START + 90 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, range(1_500_000, 50));
    // The readings go to PostgreSQL through a relay the test cuts, as a restart or failover of the database would.
    const target = new URL(process.env.DATABASE_URL!);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const relayed = new URL(target);
    relayed.host = `127.0.0.1:${proxy.port}`;
    const db = await openDatabase({ url: relayed.toString(), schema: t.conflux.db.schema, poolSize: 2 });
    const { dataSource, connections } = t.conflux.services;
    const poller = new InfluencerPoller(dataSource, connections, new MetricStore(db.dataSource), clock, t.conflux.logger, { maxInFlight: 100, maxHeld: 40 });
    try {
      await proxy.cut();
      clock.set(new Date(START + 91 * MINUTE));
      await pollAll(poller);
      expect(poller.counters.polled).toBe(50);
      expect((await readingsPerInfluencer()).size).toBe(0);
      await poller.flush(); // still unreachable: held again, not turned into gaps
      await proxy.restore();
      await poller.flush();
      // At most maxHeld are kept through an outage: the oldest ten, past it, were dropped, and counted.
      const series = await readingsPerInfluencer();
      expect(series.size).toBe(40);
      expect([...series.values()].every((times) => times.length === 1)).toBe(true);
      expect(await gapCount()).toBe(0);
      expect(poller.counters).toMatchObject({ written: 40, dropped: 10 });
    } finally {
      await poller.stop();
      await db.close();
      await proxy.close();
    }
  });

  it("shares the load between pollers of several processes without reading a slot twice", async () => {
    clock.set(new Date(START + 40 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, range(1_400_000, 600));
    const { dataSource, connections } = t.conflux.services;
    const pollers = [0, 1].map(
      () => new InfluencerPoller(dataSource, connections, t.conflux.poller.store, clock, t.conflux.logger, { maxInFlight: 100 }),
    );
    // Time passes second by second, as for running processes: the first poller takes every shard, the second
    // announces itself, and at the next heartbeats the first gives back half and the second takes it over.
    for (let s = 1; s <= 2 * 60; s++) {
      clock.set(new Date(START + 40 * MINUTE + s * 1000));
      await Promise.all(pollers.map((p) => pollAll(p)));
    }
    await Promise.all(pollers.map((p) => p.stop()));
    const series = await readingsPerInfluencer();
    expect(series.size).toBe(600);
    expect([...series.values()].every((times) => times.length === 2)).toBe(true);
    expect(pollers.every((p) => p.counters.polled > 400)).toBe(true); // about half each
    expect([...fake.stats().callsByPk.values()].every((n) => n === 2)).toBe(true); // no slot read twice at the source
    expect(await gapCount()).toBe(0);
  });

  it("takes over the shards of a poller that stopped answering from where it had got to", async () => {
    clock.set(new Date(START + 60 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, range(1_450_000, 300));
    const { dataSource, connections } = t.conflux.services;
    const make = () => new InfluencerPoller(dataSource, connections, t.conflux.poller.store, clock, t.conflux.logger, { maxInFlight: 100 });
    const [first, second] = [make(), make()];
    // The first poller reads alone for a minute and a half, then stops dead: no release, its leases just run out.
    for (let s = 1; s <= 90; s++) {
      clock.set(new Date(START + 60 * MINUTE + s * 1000));
      await pollAll(first);
    }
    // The second starts at once; it may take the shards only once the first one's leases have ended.
    for (let s = 91; s <= 4 * 60; s++) {
      clock.set(new Date(START + 60 * MINUTE + s * 1000));
      await pollAll(second);
    }
    await second.stop();
    const series = await readingsPerInfluencer();
    expect(series.size).toBe(300);
    expect(first.counters.polled).toBeGreaterThan(300);
    expect(second.counters.polled).toBeGreaterThan(300);
    // The slots that opened while the lease ran out (15 s) were read late but within their minute: none missed,
    // none read twice.
    expect([...series.values()].every((times) => times.length === 4 && times[3] - times[0] === 3 * MINUTE)).toBe(true);
    expect([...fake.stats().callsByPk.values()].every((n) => n === 4)).toBe(true);
    expect(await gapCount()).toBe(0);
    await first.stop(); // its keep-alive connections (it holds no shard any more)
  });
});

describe("backpressure", () => {
  it("degrades evenly when the source is slower than the load, with lag reported and requests capped", async () => {
    // Real time here: 200 influencers on a 1 s interval need 200 reads/s; ten in flight against 100 ms answers
    // give about 100/s.
    clock.set(new Date());
    await t.conflux.services.influencers.track(scope, connectionId, range(1_980_000, 200), 1);
    fake.setOptions({ latencyMs: 100 });
    const { dataSource, connections } = t.conflux.services;
    const poller = new InfluencerPoller(dataSource, connections, new MetricStore(dataSource), systemClock, t.conflux.logger, {
      maxInFlight: 10,
      tickMs: 20,
    });
    try {
      poller.start();
      await new Promise((r) => setTimeout(r, 5000));
      expect(await poller.lagSeconds()).toBeGreaterThan(0.5);
    } finally {
      await poller.stop();
      fake.setOptions({ latencyMs: 0 });
    }
    expect(fake.stats().maxInFlight).toBeLessThanOrEqual(10); // no pile of requests
    const counts = [...(await readingsPerInfluencer()).values()].map((times) => times.length);
    expect(counts).toHaveLength(200); // nobody starved...
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2); // ...and nobody favoured
    expect(await gapCount()).toBeGreaterThan(100); // the slots that could not be read are gaps, not points
  }, 30_000);
});

describe("storage and serving", () => {
  async function influencerId(pk: number): Promise<string> {
    const [row] = await scope.query<{ id: string }>(`SELECT id::text AS id FROM influencer WHERE account_id = $1 AND pk = $2`, [pk]);
    return row.id;
  }

  it("ranks by followers with ties sharing a rank, and averages across the account", async () => {
    clock.set(new Date(START + MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, [1_500_001, 1_500_002, 1_500_003, 1_500_004]);
    const store = t.conflux.poller.store; // by COPY on PostgreSQL: the second write fails on the key and falls back
    const followers = { 1_500_001: 500, 1_500_002: 500, 1_500_003: 300, 1_500_004: 900 };
    const readings: Reading[] = [];
    for (const [pk, n] of Object.entries(followers)) {
      readings.push({ influencerId: await influencerId(Number(pk)), slot: START, followerCount: n, followingCount: 100, readAt: START });
    }
    expect(await store.write(readings)).toBe(4);
    expect(await store.write(readings)).toBe(0); // idempotent per (influencer, slot)
    await t.conflux.services.influencers.refreshSnapshot();
    const res = await t.gql(InfluencerRanksDocument, { first: 10 });
    const nodes = res.data!.influencers.edges.map((e) => e.node);
    expect(nodes.map((n) => [n.pk, n.rank])).toEqual([
      [1_500_004, 1],
      [1_500_001, 2],
      [1_500_002, 2],
      [1_500_003, 4],
    ]);
    expect(nodes[0].averageFollowerCount).toBe(550);
    expect(res.data!.influencers.totalCount).toBe(4);
  });

  it("answers MINUTE buckets as SQL would group the same readings", async () => {
    await t.conflux.services.influencers.track(scope, connectionId, [1_650_000], 20);
    const id = await influencerId(1_650_000);
    const from = Date.UTC(2026, 2, 5); // a day no other test writes or expires
    const readings: Reading[] = [];
    for (let k = 0; k < 90; k++) {
      // Three readings a minute, one of them with nobody followed (no ratio).
      readings.push({ influencerId: id, slot: from + k * 20_000, followerCount: 1000 + ((k * 37) % 101), followingCount: k % 7 === 0 ? 0 : 10 + (k % 5), readAt: from });
    }
    await t.conflux.poller.store.write(readings);
    const series = await t.conflux.services.influencers.metrics(scope, [id], new Date(from), new Date(from + 30 * MINUTE), "MINUTE");
    const expected: { ts: Date; f: number[]; g: number[]; r: (number | null)[] }[] = await t.conflux.services.dataSource.query(
      `SELECT date_trunc('minute', ts) AS ts,
              ARRAY[min(follower_count), max(follower_count), avg(follower_count), (array_agg(follower_count ORDER BY ts DESC))[1]]::float8[] AS f,
              ARRAY[min(following_count), max(following_count), avg(following_count), (array_agg(following_count ORDER BY ts DESC))[1]]::float8[] AS g,
              ARRAY[min(r), max(r), avg(r), (array_agg(r ORDER BY ts DESC))[1]] AS r
         FROM (SELECT *, follower_count::float8 / nullif(following_count, 0) AS r FROM influencer_metric WHERE influencer_id = $1) m
        GROUP BY 1 ORDER BY 1`,
      [id],
    );
    const buckets = series.get(id)!;
    expect(buckets).toHaveLength(30);
    buckets.forEach((b, i) => {
      expect(b.ts).toEqual(expected[i].ts);
      expect([b.followerCount.min, b.followerCount.max, b.followerCount.avg, b.followerCount.last]).toEqual(expected[i].f);
      expect([b.followingCount.min, b.followingCount.max, b.followingCount.avg, b.followingCount.last]).toEqual(expected[i].g);
      const r = [b.followerRatio.min, b.followerRatio.max, b.followerRatio.avg, b.followerRatio.last];
      r.forEach((v, j) => (expected[i].r[j] === null ? expect(v).toBeNull() : expect(v).toBeCloseTo(expected[i].r[j]!, 9)));
    });
  });

  it("answers 30 days from the rollups, which outlive the raw readings", async () => {
    await t.conflux.services.influencers.track(scope, connectionId, [1_600_000]);
    const id = await influencerId(1_600_000);
    const store = new MetricStore(t.conflux.services.dataSource);
    const from = Date.UTC(2026, 0, 1);
    const readings: Reading[] = [];
    // One reading every 10 minutes for 30 days; followers rise by one per reading, following fixed at 4.
    for (let i = 0; i < 30 * 144; i++) {
      readings.push({ influencerId: id, slot: from + i * 10 * MINUTE, followerCount: 1000 + i, followingCount: 4, readAt: from });
    }
    for (let i = 0; i < readings.length; i += 1000) await store.write(readings.slice(i, i + 1000));

    const series = (interval: MetricInterval) =>
      t.gql(InfluencerMetricsDocument, { pk: 1_600_000, from: new Date(from).toISOString(), to: new Date(from + 30 * 1440 * MINUTE).toISOString(), interval });
    const first = await series("DAY");
    expect(first.errors).toBeUndefined();
    const daily = first.data!.influencer!.metrics;
    expect(daily).toHaveLength(30);
    expect(daily[0]).toEqual({ ts: new Date(from).toISOString(), followerCount: { min: 1000, max: 1143, avg: 1071.5, last: 1143 }, followerRatio: { avg: 1071.5 / 4 } });
    const firstHourly = await series("HOUR");
    expect(firstHourly.errors).toBeUndefined();
    const hourly = firstHourly.data!.influencer!.metrics;
    expect(hourly).toHaveLength(720);

    // Nothing was rolled up yet (so the buckets came from the readings); once the days are over they are, and
    // the same month is answered from 720 hourly and 30 daily rows.
    await store.rollUp(from + 40 * 1440 * MINUTE);
    const [rollups] = await t.conflux.services.dataSource.query(
      `SELECT (SELECT count(*)::int FROM influencer_metric_hourly WHERE influencer_id = $1) AS hourly,
              (SELECT count(*)::int FROM influencer_metric_daily WHERE influencer_id = $1) AS daily`,
      [id],
    );
    expect(rollups).toEqual({ hourly: 720, daily: 30 });
    expect((await series("DAY")).data!.influencer!.metrics).toEqual(daily);
    expect((await series("HOUR")).data!.influencer!.metrics).toEqual(hourly);
    await store.rollUp(from + 40 * 1440 * MINUTE); // again: nothing changes
    expect((await series("DAY")).data!.influencer!.metrics).toEqual(daily);

    // The raw readings go (retention); the month is still answered, from the rollups alone.
    const [{ n }] = await t.conflux.services.dataSource.query(`SELECT count(*)::int AS n FROM influencer_metric WHERE influencer_id = $1`, [id]);
    expect(n).toBe(4320);
    const dropped = await store.dropExpired(from + 40 * 1440 * MINUTE, 7);
    expect(dropped).toHaveLength(30);
    const [{ left }] = await t.conflux.services.dataSource.query(`SELECT count(*)::int AS left FROM influencer_metric WHERE influencer_id = $1`, [id]);
    expect(left).toBe(0);
    expect((await series("DAY")).data!.influencer!.metrics).toEqual(daily);
    expect((await series("HOUR")).data!.influencer!.metrics).toEqual(hourly);

    // Raw resolution over a month is refused with a typed error rather than scanned.
    const minute = await series("MINUTE");
    expect(minute.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("serves the analytics REST contract in 60 s buckets with a float ratio", async () => {
    clock.set(new Date(START + 50 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, [1_700_000]);
    for (let k = 1; k <= 3; k++) {
      clock.set(new Date(START + (50 + k) * MINUTE));
      await pollAll();
    }
    const q = `start_time=${(START + 50 * MINUTE) / 1000}&end_time=${(START + 55 * MINUTE) / 1000}`;
    const res = await fetch(`${t.baseUrl}/influencer_analytics/1700000?${q}`, { headers: { authorization: `Bearer ${t.adminKey}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: number[][]; success: boolean };
    expect(body.success).toBe(true);
    expect(body.data).toHaveLength(3);
    for (const [bucket, followers, following, ratio] of body.data) {
      expect(bucket % MINUTE).toBe(0);
      expect(ratio).toBeCloseTo(followers / following, 10);
    }
    // The same minutes through GraphQL.
    const minutes = await t.gql(InfluencerMetricsDocument, {
      pk: 1_700_000,
      from: new Date(START + 50 * MINUTE).toISOString(),
      to: new Date(START + 55 * MINUTE).toISOString(),
      interval: "MINUTE",
    });
    expect(minutes.data!.influencer!.metrics.map((b) => [new Date(b.ts).getTime(), b.followerCount.last, b.followerRatio.avg])).toEqual(
      body.data.map(([bucket, followers, , ratio]) => [bucket, followers, ratio]),
    );
    expect((await fetch(`${t.baseUrl}/influencer_analytics/1234?${q}`, { headers: { authorization: `Bearer ${t.adminKey}` } })).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/influencer_analytics/1700000?${q}`)).status).toBe(401);
  });

  it("keeps each account's influencers to itself", async () => {
    await t.conflux.services.influencers.track(scope, connectionId, [1_800_000]);
    const other = await t.newAccount("other-influencers");
    const seen = await t.gql(InfluencerStateDocument, { pk: 1_800_000 }, other.key);
    expect(seen.data?.influencer).toBeNull();
    const untracked = await t.gql(UntrackInfluencersDocument, { pks: [1_800_000] }, other.key);
    expect(untracked.data?.untrackInfluencers).toBe(0);
    const track = await t.gql(TrackInfluencersDocument, { connectionId, pks: [1_800_000] }, other.key);
    expect(track.errors?.[0].extensions?.code).toBe("NOT_FOUND"); // another account's connection
    expect(await t.conflux.services.influencers.get(scope, 1_800_000)).not.toBeNull();
  });

  it("sends each new reading to a live subscriber of that influencer", async () => {
    clock.set(new Date(START + 70 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, [1_950_000, 1_950_001]);
    const received: InfluencerMetricSubscription["influencerMetric"][] = [];
    const client = createClient({
      url: `${t.baseUrl.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${t.adminKey}` },
    });
    client.subscribe<InfluencerMetricSubscription>(
      { query: print(InfluencerMetricDocument), variables: { pk: 1_950_000 } },
      { next: (msg) => msg.data && received.push(msg.data.influencerMetric), error: () => undefined, complete: () => undefined },
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      for (let k = 1; k <= 2; k++) {
        clock.set(new Date(START + (70 + k) * MINUTE));
        await pollAll();
        await eventually(async () => received.length >= k, 10_000);
      }
      const id = (await t.conflux.services.influencers.get(scope, 1_950_000))!.id;
      const latest = (await t.conflux.services.influencers.latest(scope, [id])).get(id)!;
      expect(received).toHaveLength(2);
      expect(received[1]).toEqual({ ts: latest.ts.toISOString(), followerCount: latest.followerCount, followingCount: expect.any(Number), followerRatio: expect.any(Number) });
    } finally {
      await client.dispose();
    }
  }, 30_000);

  it("checks the suspicious flag once a day on its own queue", async () => {
    clock.set(new Date(START + 60 * MINUTE));
    await t.conflux.services.influencers.track(scope, connectionId, range(1_900_000, 20));
    clock.set(new Date(START + 61 * MINUTE));
    await pollAll();
    await t.conflux.services.influencers.refreshSnapshot(); // the check is asked with the snapshot's counts
    expect(await t.conflux.classifier.queueDue()).toBe(20);
    expect(await t.conflux.classifier.queueDue()).toBe(0); // not due again until tomorrow
    const jobs = await t.conflux.queue.boss.fetch<ClassifyJob>(Queues.INFLUENCER_CLASSIFY, { batchSize: 10 });
    for (const job of jobs) await t.conflux.classifier.classify(job.data);
    const rows: { pk: string; suspicious: boolean }[] = await scope.query(
      `SELECT pk::text AS pk, suspicious FROM influencer WHERE account_id = $1 AND suspicious_checked_at IS NOT NULL ORDER BY pk`,
    );
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(r.suspicious).toBe(isSuspicious(Number(r.pk)));
    clock.set(new Date(START + 61 * MINUTE + 86_400_000));
    expect(await t.conflux.classifier.queueDue()).toBe(20);
  });
});

function range(from: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from + i);
}
