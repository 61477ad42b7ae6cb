import "reflect-metadata";
import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";
import { MEMBER_FIELDS } from "../src/connectors/mailchimp/api";
import { AccountScope } from "../src/db/account-scope";
import { SyncRun } from "../src/entities/sync-run";
import { Conflux } from "../src/server";
import { FakeMailchimp } from "../test/fakes/mailchimp";
import { FakeRecordApi } from "../test/fakes/record-api";
import { envCount, startConflux } from "./lib/servers";
import { figure, printTable } from "./lib/report";
import { cpuSecondsOf, machineBusySeconds, measure } from "./lib/measure";

/**
 * Mailchimp syncs on PostgreSQL, against the Mailchimp and record-API fakes running in this process.
 *
 * 1. One large audience with a record-API destination, page size 1000, each run executed here directly: the first
 *    sync (beside the floor, the same member pages fetched raw with undici and not processed), a sync with nothing
 *    changed, and one after 1% of the members changed.
 * 2. Many small audiences across accounts, all due at once: the scheduler queues them (a tick takes at most 500)
 *    and separate `conflux worker` processes drain the queue, first one worker, then (from scratch again) two.
 *    Beside the figures, stderr says where the drain's time went: CPU of the workers, of this process and of the
 *    workers' PostgreSQL backends, and what those backends were doing (running, idle, waiting on a lock…).
 *
 * DATABASE_URL is required (the workers share the database); everything lives in a schema of its own, dropped
 * afterwards.
 *
 *   BENCH_MEMBERS=100000 BENCH_CONNECTIONS_N=1000 BENCH_LIST_SIZE=1000 BENCH_SYNC_CONCURRENCY=8
 *   BENCH_DRAIN_TIMEOUT=600 DATABASE_URL=postgres://… npm run bench -- sync
 */

const BENCH = "sync";
const PAGE_SIZE = 1000;
/** Mailchimp allows 10 simultaneous requests per key; real accounts each have their own key. */
const CONNECTIONS_PER_KEY = 10;
const FLEET_ACCOUNTS = 10;
const POLL_MS = 250;
const MB = 2 ** 20;

const log = (message: string) => process.stderr.write(`${BENCH}: ${message}\n`);

/**
 * Aborted by SIGINT or SIGTERM: the run under way stops between two calls and the drain stops polling, so the
 * worker processes are stopped and the schemas dropped on the way out instead of being left behind.
 */
const interrupted = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // Apollo Server re-raises the signal once it has stopped itself: a repeat is not a second request.
    if (interrupted.signal.aborted) return;
    log(`${signal}: stopping workers and dropping the schema`);
    interrupted.abort(new Error(`interrupted by ${signal}`));
  });
}

/** A Mailchimp-shaped key (`<32 hex>-us6`), distinct per n. */
const apiKey = (n: number) => `${n.toString(16).padStart(32, "0")}-us6`;


/** Queues a run and executes it in this process, as a worker would; returns the settled run. */
async function syncOnce(conflux: Conflux, scope: AccountScope, connectionId: string): Promise<SyncRun> {
  const queued = await conflux.services.connections.triggerSync(scope, connectionId);
  try {
    const job = { runId: queued.id, accountId: scope.accountId, connectionId };
    await conflux.runner.run(job, { retryCount: 0, retryLimit: 0 }, interrupted.signal);
  } catch {
    // The run row carries the readable error.
  }
  interrupted.signal.throwIfAborted();
  const run = await scope.get(SyncRun, queued.id, "sync run");
  if (run.status !== "SUCCEEDED") throw new Error(`sync run ${run.id} ended ${run.status}: ${run.error}`);
  return run;
}

/**
 * The floor under a first sync: the member pages the connector asks for, fetched one after another with undici
 * and the same query string, read and dropped. Plain offset paging: the connector's pages overlap by a few
 * anchor members, which is part of what it costs.
 */
async function rawPages(baseUrl: string, listId: string, key: string): Promise<{ pages: number; bytes: number }> {
  const authorization = `Basic ${Buffer.from(`conflux:${key}`).toString("base64")}`;
  let pages = 0;
  let bytes = 0;
  let total = Infinity;
  for (let offset = 0; offset < total || pages === 0; offset += PAGE_SIZE) {
    const url = new URL(`${baseUrl}/lists/${encodeURIComponent(listId)}/members`);
    const query = { offset, count: PAGE_SIZE, fields: MEMBER_FIELDS, sort_field: "last_changed", sort_dir: "ASC" };
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    const res = await request(url, { headers: { accept: "application/json", authorization } });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`raw fetch of ${url}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
    // Only the first page is parsed, for the number of pages to fetch.
    if (pages === 0) total = (JSON.parse(text) as { total_items: number }).total_items;
    pages++;
    bytes += Buffer.byteLength(text);
  }
  return { pages, bytes };
}

async function benchAudience(conflux: Conflux, mailchimp: FakeMailchimp, mailchimpUrl: string, records: FakeRecordApi, recordsUrl: string): Promise<void> {
  const members = envCount("BENCH_MEMBERS", 100_000);
  const listId = "audience";
  const key = apiKey(0);
  mailchimp.addKey(key);
  mailchimp.addList(listId, "Large audience");
  mailchimp.addMembers(listId, members, { emailPrefix: "audience-" });

  const { accounts, connections, dataSource } = conflux.services;
  const scope = AccountScope.of(dataSource, (await accounts.createAccount("bench-sync-audience")).id);
  const destination = await connections.register(scope, {
    kind: "record-api",
    name: "records",
    config: { endpoint: recordsUrl },
    secret: { key: records.key },
  });
  const connection = await connections.register(scope, {
    kind: "mailchimp",
    name: "audience",
    config: { listId, baseUrl: mailchimpUrl, pageSize: PAGE_SIZE },
    secret: { apiKey: key },
    destinationId: destination.id,
  });
  const label = `${members}-member`;

  log(`${label}: raw page fetch`);
  const raw = await measure(() => rawPages(mailchimpUrl, listId, key));
  log(`  ${raw.result.pages} pages, ${(raw.result.bytes / MB).toFixed(1)} MB in ${raw.seconds.toFixed(2)} s`);

  log(`${label}: first sync`);
  mailchimp.resetCounters();
  records.resetCounters();
  const first = await measure(() => syncOnce(conflux, scope, connection.id));
  const run1 = first.result;
  log(`  ${run1.created} created in ${first.seconds.toFixed(2)} s; fake saw ${mailchimp.calls} source, ${records.calls} destination calls`);
  if (run1.created !== members) log(`  WARNING: created ${run1.created}, expected ${members}`);
  figure(BENCH, `${label} first sync`, first.seconds, "s", { against: "raw-fetch", value: raw.seconds });
  figure(BENCH, `${label} first sync members/s`, run1.created / first.seconds, "members/s", { against: "raw-fetch", value: members / raw.seconds });
  figure(BENCH, `${label} first sync source calls`, run1.apiCalls, "calls", { against: "raw-fetch", value: raw.result.pages });
  figure(BENCH, `${label} first sync destination calls`, run1.destinationApiCalls, "calls");
  figure(BENCH, `${label} first sync peak RSS (with fakes)`, first.peakRss / MB, "MB", { against: "raw-fetch", value: raw.peakRss / MB });

  log(`${label}: no-change sync`);
  mailchimp.resetCounters();
  records.resetCounters();
  const unchanged = await measure(() => syncOnce(conflux, scope, connection.id));
  const run2 = unchanged.result;
  if (run2.created || run2.updated || run2.deleted) log(`  WARNING: ${run2.created} created, ${run2.updated} updated, ${run2.deleted} deleted`);
  figure(BENCH, `${label} no-change sync`, unchanged.seconds, "s");
  figure(BENCH, `${label} no-change source calls (target ≤ 3)`, run2.apiCalls, "calls");
  figure(BENCH, `${label} no-change destination calls (target 0)`, run2.destinationApiCalls, "calls");

  log(`${label}: 1% changed`);
  const changed = mailchimp.members(listId).filter((_, i) => i % 100 === 0);
  for (const m of changed) mailchimp.updateMember(listId, m.id, { firstName: `Changed-${m.merge_fields.FNAME}` });
  mailchimp.resetCounters();
  records.resetCounters();
  const onePercent = await measure(() => syncOnce(conflux, scope, connection.id));
  const run3 = onePercent.result;
  log(`  ${run3.updated} updated, ${run3.created} created, ${run3.apiCalls} source calls, ${run3.destinationApiCalls} destination calls`);
  if (run3.updated !== changed.length || records.recordsReceived !== changed.length) {
    log(`  WARNING: ${changed.length} members changed; ${run3.updated} updated, ${records.recordsReceived} sent to the destination`);
  }
  figure(BENCH, `${label} 1%-changed sync`, onePercent.seconds, "s");
  figure(BENCH, `${label} 1%-changed updated (of ${changed.length})`, run3.updated, "records");
  figure(BENCH, `${label} 1%-changed destination records received`, records.recordsReceived, "records");
}

interface Fleet {
  accountIds: string[];
  connections: number;
  records: number;
}

/** Audiences spread over keys (10 connections per key) and accounts, each a scheduled connection without destination. */
async function createFleet(conflux: Conflux, mailchimp: FakeMailchimp, mailchimpUrl: string): Promise<Fleet> {
  const n = envCount("BENCH_CONNECTIONS_N", 1000);
  const size = envCount("BENCH_LIST_SIZE", 1000);
  log(`fleet: ${n} audiences × ${size} members over ${Math.ceil(n / CONNECTIONS_PER_KEY)} keys and ${FLEET_ACCOUNTS} accounts`);
  const { accounts, connections, dataSource } = conflux.services;
  const scopes: AccountScope[] = [];
  for (let a = 0; a < Math.min(FLEET_ACCOUNTS, n); a++) scopes.push(AccountScope.of(dataSource, (await accounts.createAccount(`bench-sync-fleet-${a}`)).id));
  for (let k = 0; k < Math.ceil(n / CONNECTIONS_PER_KEY); k++) mailchimp.addKey(apiKey(k + 1));
  for (let i = 0; i < n; i++) {
    mailchimp.addList(`fleet-${i}`);
    mailchimp.addMembers(`fleet-${i}`, size, { emailPrefix: `fleet-${i}-` });
  }
  // Each account holds a contiguous block of audiences, so its keys are its own; accounts register side by side.
  await Promise.all(
    scopes.map(async (scope, a) => {
      for (let i = Math.ceil((a * n) / scopes.length); i < Math.ceil(((a + 1) * n) / scopes.length); i++) {
        interrupted.signal.throwIfAborted();
        await connections.register(scope, {
          kind: "mailchimp",
          name: `fleet-${i}`,
          config: { listId: `fleet-${i}`, baseUrl: mailchimpUrl, pageSize: PAGE_SIZE },
          secret: { apiKey: apiKey(Math.floor(i / CONNECTIONS_PER_KEY) + 1) },
          schedule: "0 * * * *",
        });
      }
    }),
  );
  return { accountIds: scopes.map((s) => s.accountId), connections: n, records: n * size };
}

/** Peak RSS of a process, from /proc; null where there is none. */
function peakRssMbOf(pid: number): number | null {
  const match = /VmHWM:\s+(\d+) kB/.exec(safeRead(`/proc/${pid}/status`));
  return match ? Number(match[1]) / 1024 : null;
}

const safeRead = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
};

const workerAppName = (conflux: Conflux) => `${conflux.config.databaseSchema}_worker`;

/**
 * Where the workers' database sessions spend the drain: each poll samples their backends' state and wait event,
 * and their CPU time from /proc (PostgreSQL on this machine), so a slow drain can be told apart as waiting on
 * locks, on the workers themselves, or on PostgreSQL's own work.
 */
class BackendSampler {
  private readonly states = new Map<string, number>();
  private backendSamples = 0;
  private polls = 0;
  /** CPU seconds per backend pid: when first seen and last seen. */
  private readonly cpu = new Map<number, { first: number; last: number }>();

  constructor(
    private readonly conflux: Conflux,
    private readonly appName: string,
  ) {}

  async sample(): Promise<void> {
    const rows: { pid: number; state: string | null; wait_event_type: string | null; wait_event: string | null }[] =
      await this.conflux.services.dataSource.query(
        `SELECT pid, state, wait_event_type, wait_event FROM pg_stat_activity WHERE application_name = $1`,
        [this.appName],
      );
    const baseline = this.polls === 0;
    this.polls++;
    for (const r of rows) {
      const key = r.state !== "active" ? String(r.state) : r.wait_event_type ? `waiting ${r.wait_event_type}:${r.wait_event}` : "active";
      this.states.set(key, (this.states.get(key) ?? 0) + 1);
      this.backendSamples++;
      const seconds = cpuSecondsOf(r.pid);
      if (seconds === null) continue;
      const seen = this.cpu.get(r.pid);
      if (seen) seen.last = seconds;
      // A backend first seen after the first sample was opened during the drain: all its CPU counts.
      else this.cpu.set(r.pid, { first: baseline ? seconds : 0, last: seconds });
    }
  }

  /** Backend CPU seconds between the first and last sample (a backend closed in between loses its tail). */
  cpuSeconds(): number {
    let total = 0;
    for (const { first, last } of this.cpu.values()) total += last - first;
    return total;
  }

  /** Shares of the sampled backend states, largest first, e.g. `active 41%, idle 30%, waiting Lock:advisory 20%`. */
  describe(): string {
    return [...this.states.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([state, n]) => `${state} ${((100 * n) / this.backendSamples).toFixed(0)}%`)
      .join(", ");
  }
}

interface Worker {
  child: ChildProcess;
  exited: boolean;
}

/** `conflux worker` processes on the bench's schema, with only the queue consumers; resolves once all have started. */
async function startWorkers(conflux: Conflux, count: number, concurrency: number): Promise<Worker[]> {
  const cli = path.resolve(__dirname, "../src/cli.js");
  const env = {
    ...process.env,
    DATABASE_URL: conflux.config.databaseUrl,
    CONFLUX_DATABASE_SCHEMA: conflux.config.databaseSchema,
    CONFLUX_SECRET_KEY: conflux.config.secretKey,
    CONFLUX_SCHEDULER: "off",
    CONFLUX_LOG_LEVEL: "warn",
    CONFLUX_SYNC_CONCURRENCY: String(concurrency),
    // Names the workers' database sessions (pg reads it where no application_name is set), so their backends can
    // be found in pg_stat_activity. pg-boss names its own sessions, so those are not among them.
    PGAPPNAME: workerAppName(conflux),
  };
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const child = spawn(process.execPath, [cli, "worker"], { env, stdio: ["ignore", "pipe", "pipe"] });
        const worker: Worker = { child, exited: false };
        workers.push(worker);
        child.once("exit", () => (worker.exited = true));
        // Our stdout carries only figures: the workers' output (their log lines too) goes to stderr.
        const prefix = `${BENCH}: worker ${i + 1}: `;
        let started = false;
        const ready = new Promise<void>((resolve, reject) => {
          let pending = "";
          child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
            pending += chunk;
            let nl: number;
            while ((nl = pending.indexOf("\n")) >= 0) {
              const line = pending.slice(0, nl);
              pending = pending.slice(nl + 1);
              if (!started && line.includes("Conflux worker started")) {
                started = true;
                resolve();
              } else process.stderr.write(`${prefix}${line}\n`);
            }
          });
          child.once("exit", (code, signal) => {
            if (!started) reject(new Error(`worker ${i + 1} exited with ${code ?? signal} before starting`));
          });
        });
        child.stderr!.setEncoding("utf8").on("data", (chunk: string) => process.stderr.write(chunk.replace(/^(?=.)/gm, prefix)));
        await ready;
      }),
    );
  } catch (err) {
    await stopWorkers(workers);
    throw err;
  }
  return workers;
}

/** SIGTERM (a graceful stop), then SIGKILL for any still running after 30 s. */
async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(
    workers.map(async ({ child, exited }) => {
      if (exited || child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await gone;
      clearTimeout(timer);
    }),
  );
}

/** Every fleet connection from scratch again: no runs, no records, no customers, no cursor. */
async function resetFleet(conflux: Conflux, fleet: Fleet): Promise<void> {
  const { dataSource } = conflux.services;
  const ids = [fleet.accountIds];
  for (const table of ["sync_record", "sync_run", "customer_event", "customer"]) {
    await dataSource.query(`DELETE FROM ${table} WHERE account_id = ANY($1::uuid[])`, ids);
  }
  await dataSource.query(`UPDATE connection SET state = '{}' WHERE account_id = ANY($1::uuid[])`, ids);
}

/**
 * Both drains start from the same tables: without this one would scan what the previous phase left dead (the
 * staging table holds nothing live, and autovacuum may be off, or behind).
 */
async function vacuum(conflux: Conflux): Promise<void> {
  await conflux.services.dataSource.query(
    `VACUUM (ANALYZE) sync_record, sync_run, connection, customer_event, customer, customer_attribute`,
  );
}

interface Drain {
  seconds: number;
  records: number;
}

/**
 * Makes every fleet connection due, queues them all with the scheduler and waits, polling `sync_run`, until every
 * run has succeeded. A failed run, a worker that dies or the timeout ends the bench with the reason.
 */
async function drain(conflux: Conflux, fleet: Fleet, workerCount: number): Promise<Drain> {
  const concurrency = envCount("BENCH_SYNC_CONCURRENCY", 8);
  const timeoutSeconds = envCount("BENCH_DRAIN_TIMEOUT", 600);
  const label = `${workerCount} worker${workerCount > 1 ? "s" : ""}`;
  const { dataSource } = conflux.services;
  const ids = [fleet.accountIds];
  log(`fleet, ${label} × ${concurrency} concurrent runs: starting`);
  await vacuum(conflux);
  const workers = await startWorkers(conflux, workerCount, concurrency);
  try {
    await dataSource.query(`UPDATE connection SET next_sync_at = now() - interval '1 minute' WHERE account_id = ANY($1::uuid[])`, ids);
    global.gc?.();
    const sampler = new BackendSampler(conflux, workerAppName(conflux));
    await sampler.sample();
    const cpuBefore = workers.map((w) => cpuSecondsOf(w.child.pid!));
    const benchCpuBefore = process.cpuUsage();
    const busyBefore = machineBusySeconds();
    const started = performance.now();

    // A tick claims at most a batch of due connections (500), so it takes more than one to queue them all.
    let queued = 0;
    let ticks = 0;
    for (;;) {
      interrupted.signal.throwIfAborted();
      const n = await conflux.scheduler.tick();
      if (!n) break;
      queued += n;
      ticks++;
    }
    const tickSeconds = (performance.now() - started) / 1000;
    log(`  ${ticks} scheduler tick(s) queued ${queued} runs in ${tickSeconds.toFixed(2)} s`);
    if (queued !== fleet.connections) throw new Error(`the scheduler queued ${queued} runs, expected ${fleet.connections}`);

    let lastReport = started;
    for (;;) {
      await sampler.sample();
      const rows: { status: string; n: number }[] = await dataSource.query(
        `SELECT status, count(*)::int AS n FROM sync_run WHERE account_id = ANY($1::uuid[]) GROUP BY status`,
        ids,
      );
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
      if (by.FAILED) {
        const failed: { connection_id: string; error: string }[] = await dataSource.query(
          `SELECT connection_id, error FROM sync_run WHERE account_id = ANY($1::uuid[]) AND status = 'FAILED' LIMIT 20`,
          ids,
        );
        throw new Error([`${by.FAILED} runs FAILED:`, ...failed.map((f) => `${f.connection_id}: ${f.error}`)].join("\n  "));
      }
      if ((by.SUCCEEDED ?? 0) >= fleet.connections) break;
      const dead = workers.findIndex((w) => w.exited);
      if (dead >= 0) throw new Error(`worker ${dead + 1} exited while draining (${JSON.stringify(by)})`);
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed > timeoutSeconds) throw new Error(`not drained after ${timeoutSeconds} s (BENCH_DRAIN_TIMEOUT): ${JSON.stringify(by)}`);
      if (performance.now() - lastReport >= 10_000) {
        lastReport = performance.now();
        log(`  ${elapsed.toFixed(0)} s: ${JSON.stringify(by)}`);
      }
      await sleep(POLL_MS, undefined, { signal: interrupted.signal });
    }
    const seconds = (performance.now() - started) / 1000;

    const [totals]: { created: number; fetched: number; api_calls: number; retried: number; mean_run: number; max_run: number }[] =
      await dataSource.query(
        `SELECT sum(created)::int AS created, sum(fetched)::int AS fetched, sum(api_calls)::int AS api_calls,
                count(*) FILTER (WHERE attempts > 1)::int AS retried,
                avg(extract(epoch FROM finished_at - started_at))::float AS mean_run,
                max(extract(epoch FROM finished_at - started_at))::float AS max_run
           FROM sync_run WHERE account_id = ANY($1::uuid[])`,
        ids,
      );
    log(
      `  drained in ${seconds.toFixed(2)} s: ${totals.created} created of ${totals.fetched} fetched, ${totals.api_calls} source calls, ` +
        `${totals.retried} runs retried; a run took ${totals.mean_run.toFixed(2)} s on average, ${totals.max_run.toFixed(2)} s at most`,
    );
    if (totals.created !== fleet.records) log(`  WARNING: ${totals.created} records created, expected ${fleet.records}`);
    const workerCpu = workers.map((w, i) => {
      const now = cpuSecondsOf(w.child.pid!);
      return now === null || cpuBefore[i] === null ? null : now - cpuBefore[i]!;
    });
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const busy = machineBusySeconds();
    log(
      `  CPU over the drain: workers ${workerCpu.map((s) => (s === null ? "?" : `${s.toFixed(1)} s`)).join(", ")}; ` +
        `this process (fakes, scheduler, polling) ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s; ` +
        `whole machine ${busy === null || busyBefore === null ? "?" : `${(busy - busyBefore).toFixed(1)} s`} busy of ` +
        `${(seconds * os.availableParallelism()).toFixed(1)} s available; PostgreSQL backends of the workers ` +
        `${sampler.cpuSeconds().toFixed(1)} s; worker peak RSS ` +
        workers.map((w) => `${peakRssMbOf(w.child.pid!)?.toFixed(0) ?? "?"} MB`).join(", "),
    );
    log(`  the workers' database sessions, sampled every ${POLL_MS} ms: ${sampler.describe()}`);
    return { seconds, records: totals.created };
  } finally {
    await stopWorkers(workers);
  }
}

async function benchFleet(conflux: Conflux, mailchimp: FakeMailchimp, mailchimpUrl: string): Promise<void> {
  const fleet = await createFleet(conflux, mailchimp, mailchimpUrl);
  const label = `${fleet.connections} connections × ${fleet.records / fleet.connections} members,`;
  const one = await drain(conflux, fleet, 1);
  // Printed now, so a second drain that fails or is interrupted does not take them along.
  figure(BENCH, `${label} 1 worker drain (target ≤ 60 s)`, one.seconds, "s");
  figure(BENCH, `${label} 1 worker records/s`, one.records / one.seconds, "records/s");
  await resetFleet(conflux, fleet);
  const two = await drain(conflux, fleet, 2);
  figure(BENCH, `${label} 2 workers drain`, two.seconds, "s", { against: "1 worker", value: one.seconds });
  figure(BENCH, `${label} 2 workers records/s`, two.records / two.seconds, "records/s", { against: "1 worker", value: one.records / one.seconds });
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    console.error(`${BENCH}: DATABASE_URL must be set: the worker processes share the database with this one (PostgreSQL only)`);
    process.exitCode = 1;
    return;
  }
  // Every fleet connection must be due at the tick itself, not up to the jitter later.
  process.env.CONFLUX_SYNC_JITTER_SECONDS = "0";
  const mailchimp = new FakeMailchimp();
  const records = new FakeRecordApi({ key: "bench-destination-key" });
  const mailchimpUrl = await mailchimp.start();
  const recordsUrl = await records.start();
  try {
    const server = await startConflux();
    try {
      log(`database ${server.database}`);
      await benchAudience(server.conflux, mailchimp, mailchimpUrl, records, recordsUrl);
      await benchFleet(server.conflux, mailchimp, mailchimpUrl);
      printTable();
    } finally {
      await server.close();
    }
  } finally {
    await mailchimp.stop();
    await records.stop();
  }
}

main().catch((err) => {
  console.error(interrupted.signal.aborted ? `${BENCH}: ${(interrupted.signal.reason as Error).message}` : err);
  process.exitCode = 1;
});
