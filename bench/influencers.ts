import "reflect-metadata";
import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Pool } from "undici";
import { systemClock } from "../src/clock";
import { AccountScope } from "../src/db/account-scope";
import { InfluencerMaintenance } from "../src/jobs/influencer-maintenance";
import { Conflux } from "../src/server";
import { MetricInterval } from "../src/services/influencers/influencer-service";
import { MetricStore, Reading } from "../src/services/influencers/metric-store";
import { pollingLag } from "../src/services/influencers/poll-shards";
import { envCount, startConflux } from "./lib/servers";
import { figure, printTable } from "./lib/report";
import { cpuSecondsOf, machineBusySeconds, postgresCpuSeconds } from "./lib/measure";

/**
 * Influencer polling on PostgreSQL, against the Mockstagram fake served by a process of its own
 * (dist/test/fakes/mockstagram-process.js), so neither the pollers nor this process share its event loop.
 *
 * The fake stands for a remote API: by default it answers after 40 ms and serves at most 128 reads at once (its
 * request workers), so its own maximum is about 128 / 40 ms = 3,200 req/s whoever asks, and the bench measures how
 * much of a source's capacity the pollers turn into readings. Each worker may keep 64 reads in flight (the
 * connection's concurrency, per process), half the source's capacity: one worker is bounded by its own
 * connections, two together by the source, which shows both the scaling (two workers, about twice one) and the
 * ratio to the source's maximum. With BENCH_MOCKSTAGRAM_LATENCY_MS=0 BENCH_MOCKSTAGRAM_CAPACITY=0 the fake answers
 * as fast as its one core allows (30,000+ req/s on 2 cores), and the pollers compete with it and PostgreSQL for
 * the same cores: that measures the pollers' CPU cost instead (pair it with BENCH_INFLUENCER_CONCURRENCY=256
 * BENCH_INFLUENCER_IN_FLIGHT=2000 BENCH_INFLUENCER_PIPELINING=4).
 *
 * 1. The fake's own ceiling R: a plain load generator in this process (an undici Pool, a fixed number of GETs of
 *    random valid pks in flight, bodies read and dropped) for a few seconds at each of a few concurrencies; R is
 *    the best rate. The fake's CPU beside it says whether R is the fake's limit (a full core) or the generator's.
 * 2. Write throughput of MetricStore.write: readings of a few thousand tracked influencers, one minute apart, in
 *    batches in slot order (as the pollers write them), against the physical floor, the same rows inserted from
 *    the same JSON with `INSERT … SELECT FROM json_to_recordset` into an UNLOGGED table without indexes. The write
 *    only inserts into the series; the rollups are computed afterwards from it (MetricStore.rollUp, run by the
 *    maintenance job once an hour is over), so rolling the same readings up is timed too, apart and added up.
 * 3. A 24-hour metrics query: a day of minute readings for a few hundred influencers, written by MetricStore and
 *    rolled up (as the maintenance job would have by then), then InfluencerService.metrics for one random
 *    influencer over 24 h (noon to noon, two daily partitions), MINUTE and HOUR, against the same range read raw
 *    (`SELECT ts, follower_count, following_count … WHERE influencer_id = $1 …`).
 * 4. Polling capacity at one-minute resolution, with 1 and then 2 `conflux worker` processes (scheduler off, so
 *    the workers only poll). Each measurement tracks N pks with trackInfluencerRange, lets the workers run and
 *    checks the result in the database:
 *    - a calibration first: N above what the workers can poll (0.6 R × interval, the start first planned; for 2
 *      workers at least 2.2 × what 1 worker passed), run for tens of seconds after its first interval (the ramp,
 *      when every first read also records a username); the readings stamped in that time are the saturated poll
 *      rate X, a sharp first guess that costs a fraction of a trial (stepping up from
 *      0.6 R by 15% a trial wastes the budget on a 2-core machine where the pollers reach a fraction of R). Should
 *      the calibration keep up, the trials start at its N and step up by 15%;
 *    - then trials, the first at 0.95 X × interval, stepping up by 8% after a trial without a missed slot and
 *      down (towards the best passed N, or to 95% of the rate the failed trial reached) after one with a missed
 *      slot, while the budget lasts (over budget, at most four trials while none has passed).
 *    A trial runs BENCH_INFLUENCER_TRIAL_SECONDS (150) from tracking. It has no missed slot when: no row in
 *    influencer_gap; every slot whose start lies between tracking + 60 s and the end − 60 s has exactly one
 *    reading in influencer_metric (a slot's reading may come any time before the slot ends; the first minute is
 *    the ramp); and the lag (pollingLag: the largest lag the pollers reported, sampled every second) held after
 *    the first minute: it stayed under BENCH_INFLUENCER_LAG_LIMIT (5 s), or under half an interval without growing (the mean of the
 *    last third of the samples at most 1 s a minute above the first third's: a backlog left by the ramp that is
 *    neither growing nor worked off is sustainable). The lag is what makes a 2.5-minute trial mean "sustainable":
 *    a slot is only missed once the lag passes a whole interval, so a poller short by 10% would pass a short
 *    trial with its lag growing by 6 s a minute. A reading off its slot or a second reading for a slot fails the
 *    bench (that is correctness, not capacity).
 *    During every run this process also does, once a minute, the maintenance whose work grows with N, as the
 *    scheduler role would (see Upkeep: the hourly rollup and the per-minute snapshot, an UPDATE of every
 *    influencer read); its durations and failures are logged and counted.
 *    The figure is the highest N with no missed slot, its poll rate N / 60 and that rate against R (target ≥
 *    0.85), for 1 and 2 workers, and 2 against 1. stderr tells where the time went in each run: CPU of each
 *    worker, of the fake, of PostgreSQL (every `postgres` process on this machine, those that exited included),
 *    of this process and of the whole machine; what the workers' database sessions were doing; and the lag.
 *    Between runs the influencer tables are TRUNCATEd rather than DELETEd: the schema is the bench's own, and a
 *    delete of a few million series rows (cascaded by trigger) would take longer than some trials and leave dead
 *    tuples that the next trial would pay for.
 *
 * Targets are printed beside the figures, never enforced; only correctness (readings counted, off-slot or
 * duplicated readings, bucket counts) fails the bench. DATABASE_URL is required (the workers share the database);
 * everything lives in a schema of its own, dropped afterwards, also on SIGINT.
 *
 *   BENCH_INFLUENCER_BUDGET_SECONDS=1200  whole bench; the probing stops when the next trial would not fit
 *   BENCH_INFLUENCER_N=…                  no probing: one trial at this N per worker count
 *   BENCH_INFLUENCER_WORKERS=1,2  BENCH_INFLUENCER_TRIAL_SECONDS=150  BENCH_INFLUENCER_CALIBRATION_SECONDS=45
 *   BENCH_INFLUENCER_INTERVAL_SECONDS=60  BENCH_INFLUENCER_LAG_LIMIT=5
 *   BENCH_INFLUENCER_IN_FLIGHT=64 (CONFLUX_INFLUENCER_POLLS_IN_FLIGHT of each worker)
 *   BENCH_INFLUENCER_CONCURRENCY=64 (the connection's concurrency, per worker)
 *   BENCH_INFLUENCER_PIPELINING=1 (the connection's pipelining; above 1 the fake's ceiling is also measured that way)
 *   BENCH_MOCKSTAGRAM_LATENCY_MS=40 (the fake's --latency-ms)  BENCH_MOCKSTAGRAM_CAPACITY=128 (its --capacity, 0 unbounded)
 *   BENCH_LOAD_SECONDS=8  BENCH_LOAD_CONCURRENCY=64,128,256
 *   BENCH_WRITE_READINGS=500000  BENCH_WRITE_INFLUENCERS=5000  BENCH_WRITE_BATCH=5000
 *   BENCH_QUERY_INFLUENCERS=200  BENCH_QUERY_CALLS=500
 *   BENCH_INFLUENCER_MAINTENANCE=off      no maintenance during the polling runs
 *   BENCH_INFLUENCERS_QUICK=1             a smoke run of about 5 minutes: 20 s interval, short runs, fewer rows
 *   DATABASE_URL=postgres://… npm run bench -- influencers
 */

const BENCH = "influencers";
const QUICK = process.env.BENCH_INFLUENCERS_QUICK === "1";
const MIN_PK = 1_000_000;
const PK_RANGE = 1_000_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const LAG_SAMPLE_MS = 1000;

const log = (message: string) => process.stderr.write(`${BENCH}: ${message}\n`);

/**
 * Aborted by SIGINT or SIGTERM: sleeps and loops stop, so the workers and the fake are stopped and the schema
 * dropped on the way out instead of being left behind.
 */
const interrupted = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted.signal.aborted) return;
    log(`${signal}: stopping the workers and the fake, dropping the schema`);
    interrupted.abort(new Error(`interrupted by ${signal}`));
  });
}

/** Every child started, so that none outlives the bench whatever happens (killed hard at exit). */
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not ${raw}`);
  return value;
}

function envList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const values = raw.split(",").map((s) => Number(s.trim()));
  if (!values.length || values.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`${name} must be positive integers, not ${raw}`);
  return values;
}

const settings = {
  budgetSeconds: envCount("BENCH_INFLUENCER_BUDGET_SECONDS", QUICK ? 330 : 1200),
  fixedN: process.env.BENCH_INFLUENCER_N ? envCount("BENCH_INFLUENCER_N", 1) : undefined,
  workerCounts: envList("BENCH_INFLUENCER_WORKERS", [1, 2]),
  intervalSeconds: envCount("BENCH_INFLUENCER_INTERVAL_SECONDS", QUICK ? 20 : 60),
  trialSeconds: envCount("BENCH_INFLUENCER_TRIAL_SECONDS", QUICK ? 55 : 150),
  calibrationSeconds: envCount("BENCH_INFLUENCER_CALIBRATION_SECONDS", QUICK ? 20 : 45),
  lagLimitSeconds: envNumber("BENCH_INFLUENCER_LAG_LIMIT", 5),
  inFlight: envCount("BENCH_INFLUENCER_IN_FLIGHT", 64),
  concurrency: envCount("BENCH_INFLUENCER_CONCURRENCY", 64),
  pipelining: envCount("BENCH_INFLUENCER_PIPELINING", 1),
  maintenance: process.env.BENCH_INFLUENCER_MAINTENANCE !== "off",
  fakeLatencyMs: process.env.BENCH_MOCKSTAGRAM_LATENCY_MS ?? "40",
  fakeCapacity: envNumber("BENCH_MOCKSTAGRAM_CAPACITY", 128),
  loadSeconds: envCount("BENCH_LOAD_SECONDS", QUICK ? 3 : 8),
  loadConcurrency: envList("BENCH_LOAD_CONCURRENCY", [64, 128, 256]),
  writeReadings: envCount("BENCH_WRITE_READINGS", QUICK ? 100_000 : 500_000),
  writeInfluencers: envCount("BENCH_WRITE_INFLUENCERS", QUICK ? 2000 : 5000),
  writeBatch: envCount("BENCH_WRITE_BATCH", 5000),
  queryInfluencers: envCount("BENCH_QUERY_INFLUENCERS", QUICK ? 50 : 200),
  queryCalls: envCount("BENCH_QUERY_CALLS", QUICK ? 100 : 500),
};

const startedAt = performance.now();
const deadline = startedAt + settings.budgetSeconds * 1000;
const remainingSeconds = () => (deadline - performance.now()) / 1000;

// ---------------------------------------------------------------------------------------------------------------
// Processes and CPU

interface CpuMark {
  at: number;
  pids: number[];
  seconds: (number | null)[];
  postgres: number | null;
  bench: NodeJS.CpuUsage;
  busy: number | null;
}

function markCpu(pids: number[]): CpuMark {
  return { at: performance.now(), pids, seconds: pids.map(cpuSecondsOf), postgres: postgresCpuSeconds(), bench: process.cpuUsage(), busy: machineBusySeconds() };
}

/** Shares of one core since the mark (1 = a full core): each process of the mark, PostgreSQL, this one, the machine. */
interface CpuShares {
  wall: number;
  processes: (number | null)[];
  postgres: number | null;
  bench: number;
  machine: number | null;
  cores: number;
}

function cpuSince(mark: CpuMark): CpuShares {
  const wall = (performance.now() - mark.at) / 1000;
  const processes = mark.pids.map((pid, i) => {
    const now = cpuSecondsOf(pid);
    return now === null || mark.seconds[i] === null ? null : (now - mark.seconds[i]!) / wall;
  });
  const pg = postgresCpuSeconds();
  const bench = process.cpuUsage(mark.bench);
  const busy = machineBusySeconds();
  return {
    wall,
    processes,
    postgres: pg === null || mark.postgres === null ? null : (pg - mark.postgres) / wall,
    bench: (bench.user + bench.system) / 1e6 / wall,
    machine: busy === null || mark.busy === null ? null : (busy - mark.busy) / wall,
    cores: os.availableParallelism(),
  };
}

const pct = (share: number | null | undefined) => (share == null ? "?" : `${(100 * share).toFixed(0)}%`);

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await gone;
  clearTimeout(timer);
  children.delete(child);
}

/** Longest line of a child's output passed on: a failed query's log carries its parameters (megabytes of JSON). */
const MAX_LINE = 2000;
const clip = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length} characters)` : line);

/** Reads a child's stdout line by line; lines not consumed by `onLine` go to stderr with the prefix, clipped. */
function pipeLines(child: ChildProcess, prefix: string, onLine: (line: string) => boolean): void {
  const lines = (stream: NodeJS.ReadableStream, each: (line: string) => void) => {
    let pending = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf("\n")) >= 0) {
        each(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    });
  };
  lines(child.stdout!, (line) => {
    if (!onLine(line)) process.stderr.write(`${prefix}${clip(line)}\n`);
  });
  lines(child.stderr!, (line) => process.stderr.write(`${prefix}${clip(line)}\n`));
}

interface Fake {
  url: string;
  child: ChildProcess;
}

/** The fake in a process of its own; resolves with its URL (the one JSON line it prints on stdout). */
async function startFake(): Promise<Fake> {
  const script = path.resolve(__dirname, "../test/fakes/mockstagram-process.js");
  const args = [script, "--port", "0", "--seed", "1"];
  if (settings.fakeLatencyMs) args.push("--latency-ms", settings.fakeLatencyMs);
  if (settings.fakeCapacity) args.push("--capacity", String(settings.fakeCapacity));
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const url = await new Promise<string>((resolve, reject) => {
    let got = false;
    pipeLines(child, `${BENCH}: fake: `, (line) => {
      if (got) return false;
      got = true;
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch {
        reject(new Error(`the fake printed ${line}, not {"url": …}`));
      }
      return true;
    });
    child.once("exit", (code, signal) => {
      if (!got) reject(new Error(`the fake exited with ${code ?? signal} before listening`));
    });
  });
  return { url, child };
}

interface Worker {
  child: ChildProcess;
  exited: boolean;
}

/**
 * The workers run with `npm run worker`'s Node options; BENCH_WORKER_NODE_ARGS adds more (e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof` to see where a worker's time goes).
 */
const WORKER_NODE_OPTIONS = ["--max-semi-space-size=64", ...(process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean)];

/** `conflux worker` processes on the bench's schema, scheduler off (they poll influencers); resolves once started. */
async function startWorkers(conflux: Conflux, count: number): Promise<Worker[]> {
  const cli = path.resolve(__dirname, "../src/cli.js");
  const env = {
    ...process.env,
    DATABASE_URL: conflux.config.databaseUrl,
    CONFLUX_DATABASE_SCHEMA: conflux.config.databaseSchema,
    CONFLUX_SECRET_KEY: conflux.config.secretKey,
    CONFLUX_SCHEDULER: "off",
    CONFLUX_LOG_LEVEL: "warn",
    CONFLUX_INFLUENCER_POLLS_IN_FLIGHT: String(settings.inFlight),
    PGAPPNAME: `${conflux.config.databaseSchema}_worker`,
  };
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const child = spawn(process.execPath, [...WORKER_NODE_OPTIONS, cli, "worker"], { env, stdio: ["ignore", "pipe", "pipe"] });
        children.add(child);
        const worker: Worker = { child, exited: false };
        workers.push(worker);
        child.once("exit", () => (worker.exited = true));
        await new Promise<void>((resolve, reject) => {
          let started = false;
          // Our stdout carries only figures: the workers' output goes to stderr.
          pipeLines(child, `${BENCH}: worker ${i + 1}: `, (line) => {
            if (started || !line.includes("Conflux worker started")) return false;
            started = true;
            resolve();
            return true;
          });
          child.once("exit", (code, signal) => {
            if (!started) reject(new Error(`worker ${i + 1} exited with ${code ?? signal} before starting`));
          });
        });
      }),
    );
  } catch (err) {
    await stopWorkers(workers);
    throw err;
  }
  return workers;
}

/** SIGTERM (graceful: reads in flight finish and are written), then SIGKILL for any still running after 30 s. */
async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => stopChild(w.child)));
}

// ---------------------------------------------------------------------------------------------------------------
// 1. The fake's ceiling

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface LoadResult {
  rate: number;
  p50: number;
  p99: number;
  fakeCpu: number | null;
  benchCpu: number;
}

/**
 * `concurrency` GETs of random valid pks in flight (`pipelining` on each keep-alive connection) for a second of
 * warm-up and then `seconds` measured; every answer must be a 200, so failures are never counted as speed.
 */
async function loadFake(fake: Fake, concurrency: number, pipelining: number, seconds: number): Promise<LoadResult> {
  const pool = new Pool(fake.url, { connections: Math.ceil(concurrency / pipelining), pipelining, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let from = Infinity;
  let to = Infinity;
  let errors = 0;
  let lastError = "";
  const loop = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= to || interrupted.signal.aborted) return;
      const pk = MIN_PK + Math.floor(Math.random() * PK_RANGE);
      try {
        const res = await pool.request({ path: `/api/v1/influencers/${pk}`, method: "GET" });
        await res.body.text();
        if (res.statusCode !== 200) {
          errors++;
          lastError = `HTTP ${res.statusCode}`;
          continue;
        }
      } catch (err) {
        errors++;
        lastError = (err as Error).message;
        continue;
      }
      const t1 = performance.now();
      if (t1 >= from && t1 < to) latencies.push(t1 - t0);
    }
  };
  let mark: CpuMark | undefined;
  const warm = setTimeout(() => {
    from = performance.now();
    to = from + seconds * 1000;
    mark = markCpu([fake.child.pid!]);
  }, 1000);
  // Until the warm-up ends `to` is infinite; after it the loops stop at `to`.
  const loops = Array.from({ length: concurrency }, loop);
  try {
    await Promise.all(loops);
  } finally {
    clearTimeout(warm);
    await pool.close();
  }
  interrupted.signal.throwIfAborted();
  if (errors) throw new Error(`load against the fake: ${errors} failed requests (last: ${lastError})`);
  const cpu = cpuSince(mark!);
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), fakeCpu: cpu.processes[0], benchCpu: cpu.bench };
}

/** The fake's ceiling: the best rate of the plain loads, and each one-per-connection load's rate by its in-flight count. */
interface Ceiling {
  rate: number;
  byInFlight: Map<number, number>;
}

async function benchFakeCeiling(fake: Fake): Promise<Ceiling> {
  let best = 0;
  const byInFlight = new Map<number, number>();
  // Each concurrency one request per connection, and, when the pollers pipeline, also as they do: the ceiling is
  // the best the fake answered, whichever way it was asked.
  const shapes = settings.loadConcurrency.map((concurrency) => ({ concurrency, pipelining: 1 }));
  if (settings.pipelining > 1) shapes.push({ concurrency: settings.concurrency, pipelining: settings.pipelining });
  for (const { concurrency, pipelining } of shapes) {
    const shape = `${concurrency} in flight${pipelining > 1 ? `, ${pipelining} pipelined a connection` : ""}`;
    log(`fake ceiling: plain undici load, ${shape}, ${settings.loadSeconds} s`);
    const r = await loadFake(fake, concurrency, pipelining, settings.loadSeconds);
    log(
      `  ${r.rate.toFixed(0)} req/s, latency p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms; ` +
        `CPU: fake ${pct(r.fakeCpu)} of a core, load generator ${pct(r.benchCpu)}`,
    );
    // With a capacity the fake's limit is capacity / latency, far below its CPU; without one, its core.
    if (!settings.fakeCapacity && r.fakeCpu !== null && r.fakeCpu < 0.85) log(`  NOTE: the fake was not saturated: this rate may be the load generator's limit`);
    figure(BENCH, `fake max GET rate, plain load generator, ${shape}`, r.rate, "req/s");
    best = Math.max(best, r.rate);
    if (pipelining === 1) byInFlight.set(concurrency, r.rate);
  }
  return { rate: best, byInFlight };
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up shared by the database phases

interface Ctx {
  conflux: Conflux;
  scope: AccountScope;
  connectionId: string;
  store: MetricStore;
}

/** Every influencer table; `influencer_rollup` too, or the next phase's hours would count as rolled up already. */
const INFLUENCER_TABLES =
  "influencer, influencer_metric, influencer_metric_hourly, influencer_metric_daily, influencer_rollup, influencer_gap, influencer_stats";

async function truncateInfluencers(ctx: Ctx): Promise<void> {
  const { dataSource } = ctx.conflux.services;
  await dataSource.query(`TRUNCATE ${INFLUENCER_TABLES}, influencer_poller`);
  // The shards start unheld and unpolled, as on a fresh database.
  await dataSource.query(`UPDATE influencer_poll_shard SET owner = NULL, lease_until = NULL, polled_through = NULL`);
}

/** Tracks pks [from, from + n) and returns their ids in pk order. */
async function trackIds(ctx: Ctx, from: number, n: number, intervalSeconds: number): Promise<string[]> {
  await ctx.conflux.services.influencers.trackRange(ctx.scope, ctx.connectionId, from, from + n - 1, intervalSeconds);
  const rows: { id: string }[] = await ctx.conflux.services.dataSource.query(
    `SELECT id::text AS id FROM influencer WHERE account_id = $1 AND pk BETWEEN $2 AND $3 ORDER BY pk`,
    [ctx.scope.accountId, from, from + n - 1],
  );
  if (rows.length !== n) throw new Error(`tracked ${rows.length} influencers, expected ${n}`);
  return rows.map((r) => r.id);
}

/** Readings of `ids` for `minutes` consecutive slots from `base`, slot by slot (as the pollers write them). */
function* readingsOf(ids: string[], base: number, minutes: number): Generator<Reading> {
  const followers = ids.map((_, i) => 10_000 + ((i * 7919) % 1_000_000));
  for (let m = 0; m < minutes; m++) {
    const slot = base + m * MINUTE_MS;
    for (let i = 0; i < ids.length; i++) {
      followers[i] += (i + m) % 3 === 0 ? -1 : 2;
      yield { influencerId: ids[i], slot, followerCount: followers[i], followingCount: 100 + (i % 900), readAt: slot + 250 };
    }
  }
}

function batches(readings: Iterable<Reading>, size: number): Reading[][] {
  const out: Reading[][] = [];
  let current: Reading[] = [];
  for (const r of readings) {
    current.push(r);
    if (current.length === size) {
      out.push(current);
      current = [];
    }
  }
  if (current.length) out.push(current);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Write throughput

async function benchWrites(ctx: Ctx): Promise<void> {
  const { dataSource } = ctx.conflux.services;
  const n = settings.writeInfluencers;
  const minutes = Math.ceil(settings.writeReadings / n);
  const total = n * minutes;
  log(`writes: ${total} readings of ${n} influencers (${minutes} one-minute slots) in batches of ${settings.writeBatch}`);
  const ids = await trackIds(ctx, MIN_PK, n, 60);
  // Three days back, at midnight: a day of its own, whose partition is made before the clock starts.
  const base = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS;
  const work = batches(readingsOf(ids, base, minutes), settings.writeBatch);
  await ctx.store.ensurePartitions([base, base + (minutes - 1) * MINUTE_MS]);

  // The floor: the same JSON, the same json_to_recordset, into an unlogged heap without indexes.
  await dataSource.query(
    `CREATE UNLOGGED TABLE bench_write_floor (influencer_id bigint, ts timestamptz, follower_count bigint, following_count bigint, read_at timestamptz)`,
  );
  global.gc?.();
  let started = performance.now();
  for (const batch of work) {
    interrupted.signal.throwIfAborted();
    const json = JSON.stringify(
      batch.map((r) => ({ id: r.influencerId, ts: new Date(r.slot).toISOString(), f: r.followerCount, g: r.followingCount, r: new Date(r.readAt).toISOString() })),
    );
    await dataSource.query(
      `INSERT INTO bench_write_floor SELECT id, ts, f, g, r FROM json_to_recordset($1::json) AS x(id bigint, ts timestamptz, f bigint, g bigint, r timestamptz)`,
      [json],
    );
  }
  const floorSeconds = (performance.now() - started) / 1000;
  await dataSource.query(`DROP TABLE bench_write_floor`);
  log(`  floor (unlogged, no index): ${(total / floorSeconds).toFixed(0)} rows/s (${floorSeconds.toFixed(2)} s)`);

  global.gc?.();
  let written = 0;
  started = performance.now();
  for (const batch of work) {
    interrupted.signal.throwIfAborted();
    written += await ctx.store.write(batch);
  }
  const seconds = (performance.now() - started) / 1000;
  log(`  MetricStore.write: ${(total / seconds).toFixed(0)} rows/s (${seconds.toFixed(2)} s, ${(1000 * seconds / work.length).toFixed(1)} ms a batch)`);

  // The rollups are computed from the series once an hour (and a day) is over, by the maintenance job: rolling
  // these readings' hours and day up is the rest of their write cost, timed apart.
  global.gc?.();
  started = performance.now();
  await ctx.store.rollUp(Date.now());
  const rollSeconds = (performance.now() - started) / 1000;
  log(`  rollUp of their hours and day: ${(total / rollSeconds).toFixed(0)} rows/s (${rollSeconds.toFixed(2)} s)`);

  const [check]: { raw: number; hourly: number; daily: number }[] = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM influencer_metric WHERE influencer_id = ANY($1::bigint[])) AS raw,
            (SELECT sum(n)::int FROM influencer_metric_hourly WHERE influencer_id = ANY($1::bigint[])) AS hourly,
            (SELECT sum(n)::int FROM influencer_metric_daily WHERE influencer_id = ANY($1::bigint[])) AS daily`,
    [ids],
  );
  if (written !== total || check.raw !== total || check.hourly !== total || check.daily !== total) {
    throw new Error(`writes: ${total} readings written; write() counted ${written} new, the tables hold ${JSON.stringify(check)}`);
  }
  figure(BENCH, `MetricStore.write, batches of ${settings.writeBatch} (target ≥ 50,000)`, total / seconds, "rows/s", {
    against: "unlogged INSERT floor",
    value: total / floorSeconds,
  });
  figure(BENCH, `MetricStore.write per batch of ${settings.writeBatch}`, (1000 * seconds) / work.length, "ms");
  figure(BENCH, `MetricStore.rollUp of the same readings (hourly + daily)`, total / rollSeconds, "rows/s");
  figure(BENCH, `write + rollUp, per reading`, total / (seconds + rollSeconds), "rows/s", { against: "unlogged INSERT floor", value: total / floorSeconds });
}

// ---------------------------------------------------------------------------------------------------------------
// 3. 24-hour metrics query

interface Latencies {
  p50: number;
  p95: number;
  p99: number;
}

async function timeCalls(calls: number, call: () => Promise<void>): Promise<Latencies> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    interrupted.signal.throwIfAborted();
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

async function benchQueries(ctx: Ctx): Promise<void> {
  const { dataSource, influencers } = ctx.conflux.services;
  const n = settings.queryInfluencers;
  const calls = settings.queryCalls;
  log(`metrics query: 24 h of minute readings for ${n} influencers, ${calls} calls each`);
  const ids = await trackIds(ctx, MIN_PK + 500_000, n, 60);
  // Noon to noon two days back: the range spans two daily partitions, as a "last 24 hours" query does.
  const from = Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS + DAY_MS / 2;
  const to = from + DAY_MS;
  let written = 0;
  const started = performance.now();
  for (const batch of batches(readingsOf(ids, from, 1440), settings.writeBatch)) {
    interrupted.signal.throwIfAborted();
    written += await ctx.store.write(batch);
  }
  if (written !== n * 1440) throw new Error(`metrics query: wrote ${written} readings, expected ${n * 1440}`);
  log(`  ${written} readings written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // As the maintenance job would have by now: the day's hours rolled up (HOUR reads them).
  await ctx.store.rollUp(Date.now());
  await dataSource.query(`VACUUM (ANALYZE) influencer_metric, influencer_metric_hourly, influencer_metric_daily, influencer`);

  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  const expected: Record<MetricInterval, number> = { MINUTE: 1440, HOUR: 24, DAY: 2 };
  const service = (interval: MetricInterval) => async () => {
    const id = pick();
    const series = await influencers.metrics(ctx.scope, [id], new Date(from), new Date(to), interval);
    const buckets = series.get(id)?.length ?? 0;
    if (buckets !== expected[interval]) throw new Error(`metrics ${interval} of ${id}: ${buckets} buckets, expected ${expected[interval]}`);
  };
  const raw = async () => {
    const rows: unknown[] = await dataSource.query(
      `SELECT ts, follower_count, following_count FROM influencer_metric WHERE influencer_id = $1 AND ts >= $2 AND ts < $3`,
      [pick(), new Date(from), new Date(to)],
    );
    if (rows.length !== 1440) throw new Error(`raw 24 h read: ${rows.length} rows, expected 1440`);
  };
  // Warm-up: plans, pool connections, JIT.
  await timeCalls(20, service("MINUTE"));
  await timeCalls(20, service("HOUR"));
  await timeCalls(20, raw);

  const floor = await timeCalls(calls, raw);
  log(`  raw SQL: p50 ${floor.p50.toFixed(2)} ms, p95 ${floor.p95.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms`);
  for (const interval of ["MINUTE", "HOUR"] as const) {
    const t = await timeCalls(calls, service(interval));
    log(`  metrics ${interval}: p50 ${t.p50.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms, p99 ${t.p99.toFixed(2)} ms`);
    const label = `24 h metrics ${interval} (${expected[interval]} buckets)`;
    figure(BENCH, `${label} p50`, t.p50, "ms", { against: "raw SQL p50", value: floor.p50 });
    figure(BENCH, `${label} p95 (target ≤ 20)`, t.p95, "ms", { against: "raw SQL p95", value: floor.p95 });
    figure(BENCH, `${label} p99`, t.p99, "ms", { against: "raw SQL p99", value: floor.p99 });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Polling capacity

interface Run {
  workers: number;
  n: number;
  /** Tracking time (the `tracked_at` of the rows), commit of the tracking statement, stop of the workers; ms. */
  trackedAt: number;
  committedAt: number;
  stoppedAt: number;
  /** Readings stamped per second over the measured part of the run. */
  pollRate: number;
  /** Largest lag after the first interval, the last one sampled (s), and how fast it grew (s a minute). */
  maxLag: number;
  lastLag: number;
  lagGrowth: number;
  /** What the workers' database sessions were doing, sampled every second. */
  sessions: string;
  /** How the per-minute maintenance went, and its longest run (s). */
  maintenance: string;
  maintenanceMax: number | null;
  /** The workers' CPU (in `processes`), PostgreSQL's, …; the fake's apart. */
  cpu: CpuShares;
  fakeCpu: number | null;
  check?: Check;
  passed?: boolean;
}

interface Check {
  /** Slots in the brief's window [tracking + interval, end − interval] and how many have no reading. */
  expected: number;
  missing: number;
  influencersMissing: number;
  /** Slots in [tracking, end − interval], the whole run. */
  expectedAll: number;
  missingAll: number;
  gaps: number;
  gapReasons: string;
}

/** Slots of every tracked influencer in [a, b] (ms, both ends in), and how many have no reading, too many or one off a slot. */
async function checkSlots(ctx: Ctx, a: number, b: number): Promise<{ expected: number; missing: number; extra: number; offSlot: number; influencersMissing: number }> {
  const [row]: { expected: string; missing: string; extra: string; off_slot: string; influencers_missing: number }[] =
    await ctx.conflux.services.dataSource.query(
      `WITH inf AS (
         SELECT id, offset_ms, interval_seconds::bigint * 1000 AS i_ms,
                (floor(($3::bigint - offset_ms)::numeric / (interval_seconds * 1000))
                 - ceil(($2::bigint - offset_ms)::numeric / (interval_seconds * 1000)) + 1)::int AS expected
           FROM influencer WHERE account_id = $1),
       got AS (
         SELECT m.influencer_id AS id, count(*)::int AS n,
                count(*) FILTER (WHERE ((extract(epoch FROM m.ts) * 1000)::bigint - inf.offset_ms) % inf.i_ms <> 0)::int AS off_slot
           FROM influencer_metric m JOIN inf ON inf.id = m.influencer_id
          WHERE m.ts >= to_timestamp($2::bigint / 1000.0) AND m.ts <= to_timestamp($3::bigint / 1000.0)
          GROUP BY 1)
       SELECT coalesce(sum(inf.expected), 0)::text AS expected,
              coalesce(sum(greatest(inf.expected - coalesce(got.n, 0), 0)), 0)::text AS missing,
              coalesce(sum(greatest(coalesce(got.n, 0) - inf.expected, 0)), 0)::text AS extra,
              coalesce(sum(got.off_slot), 0)::text AS off_slot,
              count(*) FILTER (WHERE coalesce(got.n, 0) < inf.expected)::int AS influencers_missing
         FROM inf LEFT JOIN got USING (id)`,
      [ctx.scope.accountId, a, b],
    );
  return { expected: Number(row.expected), missing: Number(row.missing), extra: Number(row.extra), offSlot: Number(row.off_slot), influencersMissing: row.influencers_missing };
}

/**
 * The lag over a run: largest, last, and its growth in seconds a minute, from the mean of the first third of the
 * samples to the mean of the last third (a single sample is noisy: a heartbeat or a checkpoint lands in it).
 */
function lagTrend(samples: { at: number; lag: number }[]): { maxLag: number; lastLag: number; lagGrowth: number } {
  if (!samples.length) return { maxLag: 0, lastLag: 0, lagGrowth: 0 };
  const third = Math.max(1, Math.floor(samples.length / 3));
  const mean = (xs: { at: number; lag: number }[], key: "at" | "lag") => xs.reduce((s, x) => s + x[key], 0) / xs.length;
  const first = samples.slice(0, third);
  const last = samples.slice(-third);
  const minutes = (mean(last, "at") - mean(first, "at")) / MINUTE_MS;
  return {
    maxLag: Math.max(...samples.map((s) => s.lag)),
    lastLag: samples[samples.length - 1].lag,
    lagGrowth: minutes > 0 ? (mean(last, "lag") - mean(first, "lag")) / minutes : 0,
  };
}

/**
 * Whether the pollers kept pace: the lag stayed under BENCH_INFLUENCER_LAG_LIMIT, or it stayed under half an
 * interval and did not grow (at most 1 s a minute, under 2% of the due rate: within the noise). A backlog left by
 * the ramp that is neither worked off nor growing is sustainable; a growing one misses slots once it passes an
 * interval, however short the trial.
 */
function lagHeld(run: Run): boolean {
  if (run.maxLag <= settings.lagLimitSeconds) return true;
  return run.maxLag < settings.intervalSeconds / 2 && run.lagGrowth <= 1;
}

/** Shares of the states of a set of database sessions (by application_name), sampled as the run goes. */
class SessionStates {
  private readonly counts = new Map<string, number>();
  private total = 0;

  constructor(private readonly appName: string) {}

  async sample(dataSource: Conflux["services"]["dataSource"]): Promise<void> {
    const rows: { state: string | null; wait_event_type: string | null; wait_event: string | null }[] = await dataSource.query(
      `SELECT state, wait_event_type, wait_event FROM pg_stat_activity WHERE application_name = $1`,
      [this.appName],
    );
    for (const r of rows) {
      const key = r.state !== "active" ? String(r.state) : r.wait_event_type ? `waiting ${r.wait_event_type}:${r.wait_event}` : "active";
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      this.total++;
    }
  }

  /** e.g. `idle 70%, active 20%, waiting Lock:transactionid 10%`. */
  describe(): string {
    return (
      [...this.counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([state, n]) => `${state} ${((100 * n) / this.total).toFixed(0)}%`)
        .join(", ") || "none seen"
    );
  }
}

/**
 * The per-minute maintenance whose work grows with N, run from this process during a run as the scheduler role
 * would (the workers run with the scheduler off): the rollup of hours that are over (nothing to do until an hour
 * ends; its cost per reading is measured in the writes phase) and the snapshot (each influencer's latest counts,
 * ranks, averages), an UPDATE of every influencer read since the last one, spaced as the scheduler spaces it
 * (InfluencerMaintenance.refreshSnapshotWhenDue: at least five times its last duration apart). The
 * daily suspicious check is left out: in a 2.5-minute run its first-day backlog would be a burst no steady state
 * has. BENCH_INFLUENCER_MAINTENANCE=off leaves it all out.
 */
let maintenanceRuns = 0;
let maintenanceFailures = 0;

class Upkeep {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  readonly seconds: number[] = [];
  /** Failed runs' messages: the cron logs a failure and runs again a minute later, and so does this. */
  readonly failures: string[] = [];

  /** A scheduler's upkeep of its own per run, so the snapshot's spacing starts afresh as in a new deployment. */
  private readonly maintenance: InfluencerMaintenance;

  constructor(private readonly ctx: Ctx) {
    const { conflux } = ctx;
    this.maintenance = new InfluencerMaintenance(conflux.services.influencers, conflux.classifier, ctx.store, conflux.poller, systemClock, conflux.logger, {
      retentionDays: conflux.config.influencerRetentionDays,
    });
  }

  start(): void {
    if (!settings.maintenance) return;
    const fire = () => {
      if (this.busy) return;
      this.busy = true;
      this.running = this.once().finally(() => (this.busy = false));
    };
    // Like the cron's second 15 of each minute: 15 s in, then every minute.
    this.timer = setTimeout(() => {
      fire();
      this.timer = setInterval(fire, MINUTE_MS);
    }, 15_000);
  }

  private async once(): Promise<void> {
    const started = performance.now();
    try {
      await this.ctx.store.rollUp(Date.now());
      await this.maintenance.refreshSnapshotWhenDue();
      this.seconds.push((performance.now() - started) / 1000);
      maintenanceRuns++;
    } catch (err) {
      this.failures.push((err as Error).message);
      maintenanceFailures++;
      log(`    WARNING: maintenance failed after ${((performance.now() - started) / 1000).toFixed(1)} s: ${(err as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    await this.running;
  }

  describe(): string {
    if (!settings.maintenance) return "maintenance off";
    const failed = this.failures.length ? `, failed ${this.failures.length}× (${[...new Set(this.failures)].join("; ")})` : "";
    if (!this.seconds.length) return `maintenance did not complete${failed}`;
    return `maintenance (rollUp + refreshSnapshot) ran ${this.seconds.length}×, ${this.seconds.map((s) => `${s.toFixed(1)} s`).join(", ")}${failed}`;
  }
}

/**
 * One run: W workers started, N pks tracked (timed from the tracking), workers stopped after `seconds` (counted
 * from the tracking for a trial, from the end of the first interval after the commit for a calibration); with
 * `verify`, the slots are checked.
 */
async function runPolling(ctx: Ctx, workerCount: number, n: number, seconds: number, verify: boolean): Promise<Run> {
  const { dataSource, influencers } = ctx.conflux.services;
  const interval = settings.intervalSeconds;
  const label = `${workerCount} worker${workerCount > 1 ? "s" : ""}, N = ${n}`;
  await truncateInfluencers(ctx);
  const workers = await startWorkers(ctx.conflux, workerCount);
  const upkeep = new Upkeep(ctx);
  let run: Run;
  try {
    await influencers.trackRange(ctx.scope, ctx.connectionId, MIN_PK, MIN_PK + n - 1, interval);
    const committedAt = Date.now();
    // Fresh statistics, as autovacuum would give a table this size: the snapshot's plan depends on them.
    await dataSource.query(`ANALYZE influencer`);
    const [{ t }]: { t: Date }[] = await dataSource.query(`SELECT min(tracked_at) AS t FROM influencer WHERE account_id = $1`, [ctx.scope.accountId]);
    const trackedAt = new Date(t).getTime();
    log(`  ${label}: tracked in ${((committedAt - trackedAt) / 1000).toFixed(1)} s`);
    // A calibration measures after its first interval: every influencer's first read also records its username,
    // a burst of row updates no later minute has.
    const endAt = verify ? trackedAt + seconds * 1000 : committedAt + (interval + seconds) * 1000;
    const rateFrom = trackedAt + interval * 1000;
    upkeep.start();
    const mark = markCpu([...workers.map((w) => w.child.pid!), fakePid]);
    const states = new SessionStates(`${ctx.conflux.config.databaseSchema}_worker`);
    const lags: { at: number; lag: number }[] = [];
    let lastReport = Date.now();
    while (Date.now() < endAt) {
      await sleep(Math.min(LAG_SAMPLE_MS, Math.max(0, endAt - Date.now())), undefined, { signal: interrupted.signal });
      const dead = workers.findIndex((w) => w.exited);
      if (dead >= 0) throw new Error(`worker ${dead + 1} exited during the run`);
      const now = Date.now();
      const { lagSeconds: lag } = await pollingLag(dataSource, now);
      await states.sample(dataSource);
      // The lag counts after the first interval (the ramp).
      if (now >= trackedAt + interval * 1000) lags.push({ at: now, lag });
      if (now - lastReport >= 15_000) {
        lastReport = now;
        log(`    ${((now - trackedAt) / 1000).toFixed(0)} s: lag ${lag.toFixed(1)} s`);
      }
    }
    const shares = cpuSince(mark);
    const fakeCpu = shares.processes.pop() ?? null;
    const stoppedAt = Date.now();
    await upkeep.stop();
    await stopWorkers(workers);
    const [{ readings }]: { readings: number }[] = await dataSource.query(
      `SELECT count(*)::int AS readings FROM influencer_metric WHERE read_at >= $1 AND read_at < $2`,
      [new Date(rateFrom), new Date(stoppedAt)],
    );
    run = {
      workers: workerCount,
      n,
      trackedAt,
      committedAt,
      stoppedAt,
      pollRate: readings / ((stoppedAt - rateFrom) / 1000),
      ...lagTrend(lags),
      cpu: shares,
      fakeCpu,
      sessions: states.describe(),
      maintenance: upkeep.describe(),
      maintenanceMax: upkeep.seconds.length ? Math.max(...upkeep.seconds) : null,
    };
  } finally {
    await upkeep.stop();
    await stopWorkers(workers);
  }

  const offered = n / interval;
  log(
    `    polled ${run.pollRate.toFixed(0)}/s of ${offered.toFixed(0)}/s due; lag at most ${run.maxLag.toFixed(1)} s, at the end ${run.lastLag.toFixed(1)} s, ` +
      `growing ${run.lagGrowth.toFixed(1)} s a minute; ` +
      `CPU (of one core): workers ${run.cpu.processes.map(pct).join(" + ")}, PostgreSQL ${pct(run.cpu.postgres)}, fake ${pct(run.fakeCpu)}, ` +
      `this process ${pct(run.cpu.bench)}; machine ${pct(run.cpu.machine)} of ${run.cpu.cores * 100}%`,
  );
  log(`    the workers' database sessions: ${run.sessions}; ${run.maintenance}`);
  if (verify) {
    const window = await checkSlots(ctx, run.trackedAt + interval * 1000, run.stoppedAt - interval * 1000);
    const all = await checkSlots(ctx, run.trackedAt + 1, run.stoppedAt - interval * 1000);
    if (window.extra || window.offSlot || all.extra || all.offSlot) {
      throw new Error(`${label}: readings that are not one per slot: ${JSON.stringify({ window, all })}`);
    }
    const reasons: { reason: string; n: number }[] = await dataSource.query(
      `SELECT split_part(reason, ':', 1) AS reason, count(*)::int AS n FROM influencer_gap GROUP BY 1 ORDER BY 2 DESC`,
    );
    const gaps = reasons.reduce((s, r) => s + r.n, 0);
    run.check = {
      expected: window.expected,
      missing: window.missing,
      influencersMissing: window.influencersMissing,
      expectedAll: all.expected,
      missingAll: all.missing,
      gaps,
      gapReasons: reasons.map((r) => `${r.n} ${r.reason}`).join(", ") || "none",
    };
    run.passed = gaps === 0 && window.missing === 0 && lagHeld(run);
    log(
      `    ${run.passed ? "NO MISSED SLOT" : "MISSED"}: window ${window.expected - window.missing}/${window.expected} slots read ` +
        `(${window.influencersMissing} influencers short); whole run ${all.expected - all.missing}/${all.expected}; gaps: ${run.check.gapReasons}; ` +
        `lag at most ${run.maxLag.toFixed(1)} s, growing ${run.lagGrowth.toFixed(1)} s a minute (${lagHeld(run) ? "held" : "not held"})`,
    );
  }
  await truncateInfluencers(ctx);
  return run;
}

/** The fake's process, whose CPU each run samples beside the workers'. */
let fakePid = 0;

interface Probe {
  workers: number;
  /** Highest N with no missed slot, and its run. */
  best?: Run;
  saturatedRate?: number;
}

const round = (n: number, to = 1000) => Math.max(to, Math.round(n / to) * to);

async function probe(ctx: Ctx, workerCount: number, { rate: ceiling }: Ceiling, share: number, previous?: Probe): Promise<Probe> {
  const interval = settings.intervalSeconds;
  const label = `${workerCount} worker${workerCount > 1 ? "s" : ""}`;
  const result: Probe = { workers: workerCount };
  const phaseDeadline = performance.now() + share * 1000;
  let overhead = 30;
  const record = (run: Run) => {
    if (run.passed && (!result.best || run.n > result.best.n)) result.best = run;
  };

  if (settings.fixedN) {
    log(`capacity, ${label}: one trial at N = ${settings.fixedN}`);
    record(await runPolling(ctx, workerCount, Math.min(PK_RANGE, settings.fixedN), settings.trialSeconds, true));
    return result;
  }

  // 0.6 R as planned; from a result with fewer workers, enough to saturate as many more workers as that scaled.
  const fromPrevious = previous?.best ? Math.min(1.1 * ceiling * interval, ((2.2 * workerCount) / (2 * previous.workers)) * previous.best.n) : 0;
  const calibrationN = Math.min(PK_RANGE, round(Math.max(0.6 * ceiling * interval, fromPrevious)));
  log(`capacity, ${label}: calibration, N = ${calibrationN} (${(calibrationN / interval).toFixed(0)}/s due) for ${interval} + ${settings.calibrationSeconds} s`);
  const t0 = performance.now();
  const calibration = await runPolling(ctx, workerCount, calibrationN, settings.calibrationSeconds, false);
  overhead = Math.max(overhead, (performance.now() - t0) / 1000 - interval - settings.calibrationSeconds);
  result.saturatedRate = calibration.pollRate;
  const saturated = calibration.pollRate < 0.95 * (calibrationN / interval);
  if (!saturated) log(`  the calibration kept up with ${calibrationN} influencers: trials start there and step up by 15%`);
  figure(BENCH, `${label}: saturated poll rate (calibration)`, calibration.pollRate, "polls/s", { against: "fake max rate", value: ceiling });

  let n = saturated ? Math.min(PK_RANGE, round(0.95 * calibration.pollRate * interval)) : calibrationN;
  const step = saturated ? 1.08 : 1.15;
  let lowestFailed = Infinity;
  let trials = 0;
  const trialCost = () => settings.trialSeconds + overhead;
  for (;;) {
    const left = (phaseDeadline - performance.now()) / 1000;
    // Over budget: stop once a passing N is known; without one, go on stepping down, up to four trials in all.
    if (left < trialCost() && (result.best || trials >= 4)) break;
    log(`capacity, ${label}: trial ${trials + 1}, N = ${n} (${(n / interval).toFixed(0)}/s due), ${settings.trialSeconds} s`);
    const t1 = performance.now();
    const run = await runPolling(ctx, workerCount, n, settings.trialSeconds, true);
    overhead = Math.max(30, (performance.now() - t1) / 1000 - settings.trialSeconds);
    trials++;
    record(run);
    let next: number;
    if (run.passed) {
      if (n >= PK_RANGE) break;
      next = lowestFailed < Infinity ? round((n + lowestFailed) / 2) : round(n * step);
      next = Math.min(PK_RANGE, next);
    } else {
      lowestFailed = Math.min(lowestFailed, n);
      next = result.best ? round((result.best.n + n) / 2) : round(Math.min(n / 1.1, 0.95 * run.pollRate * interval));
    }
    // Resolution reached: the next step would be within 3% of what is known.
    if (result.best && lowestFailed < Infinity && lowestFailed / result.best.n <= 1.03) break;
    if (next === n || (result.best && next <= result.best.n) || next >= lowestFailed) break;
    n = next;
  }
  return result;
}

function reportProbe(p: Probe, { rate: ceiling, byInFlight }: Ceiling, one?: Probe): void {
  const interval = settings.intervalSeconds;
  const label = `${p.workers} worker${p.workers > 1 ? "s" : ""}`;
  const res = interval === 60 ? "one-minute" : `${interval} s`;
  if (!p.best) {
    log(`capacity, ${label}: no trial without a missed slot`);
    figure(BENCH, `${label}: influencers at ${res} resolution with no missed slot (none found)`, 0, "influencers");
    return;
  }
  const b = p.best;
  const rate = b.n / interval;
  figure(
    BENCH,
    `${label}: influencers at ${res} resolution with no missed slot`,
    b.n,
    "influencers",
    one?.best ? { against: "1 worker", value: one.best.n } : undefined,
  );
  // Workers whose reads in flight cannot fill the source's capacity are bounded by their connections, not by it:
  // the target is the ratio of workers that can.
  const budget = p.workers * Math.min(settings.inFlight, settings.concurrency * settings.pipelining);
  const target = settings.fakeCapacity && budget < settings.fakeCapacity ? `bounded by ${budget} reads in flight` : "target ratio ≥ 0.85";
  figure(BENCH, `${label}: poll rate with no missed slot (${target})`, rate, "polls/s", { against: "fake max rate", value: ceiling });
  // What a plain load gets from the fake with as many reads in flight as these workers may have: the share of
  // their own connections' capacity the workers turn into readings.
  const plain = byInFlight.get(budget);
  if (plain !== undefined) figure(BENCH, `${label}: poll rate with no missed slot`, rate, "polls/s", { against: `plain load, ${budget} in flight`, value: plain });
  figure(BENCH, `${label}: max lag at that N`, b.maxLag, "s");
  if (b.maintenanceMax !== null) figure(BENCH, `${label}: longest minute's maintenance at that N`, b.maintenanceMax, "s");
  b.cpu.processes.forEach((share, i) => figure(BENCH, `${label}: worker ${i + 1} CPU at that N`, 100 * (share ?? NaN), "% of a core"));
  if (b.cpu.postgres !== null) figure(BENCH, `${label}: PostgreSQL CPU at that N`, 100 * b.cpu.postgres, "% of a core");
  if (b.fakeCpu !== null) figure(BENCH, `${label}: fake CPU at that N`, 100 * b.fakeCpu, "% of a core");
  if (b.cpu.machine !== null) figure(BENCH, `${label}: machine CPU at that N (of ${b.cpu.cores * 100})`, 100 * b.cpu.machine, "%");
}

async function benchCapacity(ctx: Ctx, ceiling: Ceiling): Promise<void> {
  const probes: Probe[] = [];
  const counts = settings.workerCounts;
  for (let i = 0; i < counts.length; i++) {
    // What is left of the budget, shared evenly by the worker counts still to probe.
    const share = Math.max(0, remainingSeconds() - 5) / (counts.length - i);
    const p = await probe(ctx, counts[i], ceiling, share, probes.at(-1));
    probes.push(p);
    reportProbe(p, ceiling, counts[i] !== 1 ? probes.find((q) => q.workers === 1) : undefined);
  }
  if (settings.maintenance) {
    figure(BENCH, `maintenance runs that failed during the polling runs (of ${maintenanceRuns + maintenanceFailures})`, maintenanceFailures, "runs");
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    console.error(`${BENCH}: DATABASE_URL must be set: the worker processes share the database with this one (PostgreSQL only)`);
    process.exitCode = 1;
    return;
  }
  log(`budget ${settings.budgetSeconds} s${QUICK ? " (quick)" : ""}; ${os.availableParallelism()} cores`);
  const fake = await startFake();
  fakePid = fake.child.pid!;
  try {
    log(`fake at ${fake.url} (pid ${fake.child.pid})`);
    const ceiling = await benchFakeCeiling(fake);
    const server = await startConflux();
    try {
      log(`database ${server.database}`);
      const { conflux } = server;
      const { accounts, connections, dataSource } = conflux.services;
      const scope = AccountScope.of(dataSource, (await accounts.createAccount("bench-influencers")).id);
      const connection = await connections.register(scope, {
        kind: "mockstagram",
        name: "mockstagram",
        config: { baseUrl: fake.url, concurrency: settings.concurrency, pipelining: settings.pipelining },
      });
      const ctx: Ctx = { conflux, scope, connectionId: connection.id, store: new MetricStore(dataSource, { copy: true }) };
      await benchWrites(ctx);
      await truncateInfluencers(ctx);
      await benchQueries(ctx);
      await truncateInfluencers(ctx);
      await benchCapacity(ctx, ceiling);
    } finally {
      printTable();
      await server.close();
    }
  } finally {
    await stopChild(fake.child);
  }
  log(`done in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
}

main().catch((err) => {
  console.error(interrupted.signal.aborted ? `${BENCH}: ${(interrupted.signal.reason as Error).message}` : err);
  process.exitCode = 1;
});
