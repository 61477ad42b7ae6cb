import "reflect-metadata";
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { AccountScope } from "../src/db/account-scope";
import { Conflux } from "../src/server";
import { summariseInMemory } from "../src/services/customers/in-memory-summariser";
import { openActivityFile, readLines } from "../src/services/customers/line-reader";
import { compareWithVerification, loadVerificationFile } from "../src/services/customers/verification-csv";
import { runLoad } from "./lib/load";
import { envCount, startBareHttp, startConflux } from "./lib/servers";
import { figure, printTable } from "./lib/report";
import { measure } from "./lib/measure";

/**
 * Customer ingestion and reads. Dataset set 2 and a generated file are each imported by Conflux, in this process,
 * and folded by the in-memory summariser, in a child process (the floor: parsing and folding with nothing
 * stored), with lines/s, seconds until the customers are queryable and peak RSS; set 2 is then checked against
 * its verification file. Then `GET /customers` and the equivalent GraphQL query on set 2 under concurrent load,
 * beside a bare node:http server answering the same bytes. PostgreSQL when DATABASE_URL is set (in a schema of
 * its own, dropped afterwards), the embedded database in memory otherwise.
 *
 *   BENCH_LINES=5000000 BENCH_SKIP_GENERATED=1 BENCH_DURATION=10 BENCH_CONNECTIONS=50 BENCH_DATASETS=dir
 *   [DATABASE_URL=postgres://…] npm run bench -- customers
 */

const BENCH = "customers";
const DATASETS = process.env.BENCH_DATASETS || path.resolve(__dirname, "../../../shared/datasets/customerio");
const GENERATED_USERS = 100_000;
const GENERATED_SEED = 1;
// Measured: the summariser peaked at 1.7 GB RSS on 5,000,000 generated lines, growing with the event ids it keeps.
const FLOOR_BYTES_PER_LINE = 350;
const FLOOR_MAX_BYTES = 8 * 2 ** 30;
const PER_PAGE = 25;
const GRAPHQL_QUERY = `{ customers(first: ${PER_PAGE}) { totalCount edges { node { id attributes { name value } events { name count } lastUpdated } } } }`;
const MB = 2 ** 20;

const log = (message: string) => process.stderr.write(`${BENCH}: ${message}\n`);
const logStartRss = (rss: number) => log(`  RSS at start ${(rss / MB).toFixed(0)} MB`);


interface Ingest {
  lines: number;
  seconds: number;
  peakRss: number;
}

type FloorIngest = Ingest & { customers: number };

/**
 * The summariser on the file, in a child process: freed memory is not handed back to the system at once, so in
 * one process each phase's peak RSS would start from what the phase before it had held.
 */
async function floorIngest(file: string): Promise<FloorIngest> {
  log(`in-memory summariser on ${file}`);
  return JSON.parse(await runNode([__filename], { BENCH_FLOOR_OF: file })) as FloorIngest;
}

/** The child's side of `floorIngest`: its figures as JSON on stdout. */
async function floorChild(file: string): Promise<void> {
  const { result, seconds, peakRss } = await measure(() => summariseInMemory(readLines(openActivityFile(file))), logStartRss);
  const floor: FloorIngest = { lines: result.lines, customers: result.customers.size, seconds, peakRss };
  process.stdout.write(JSON.stringify(floor));
}

/** Runs a script in a child node with --expose-gc and returns its stdout; its stderr goes to ours. */
async function runNode(args: string[], env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, ["--expose-gc", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  const [code] = (await once(child, "close")) as [number | null];
  if (code !== 0) throw new Error(`node ${args.join(" ")} exited with ${code}`);
  return stdout;
}

/** Imports the file into a fresh account and reads the customer count back: done when it is queryable. */
async function confluxIngest(conflux: Conflux, file: string, accountName: string): Promise<Ingest & { scope: AccountScope; customers: number }> {
  const { accounts, activity, customers, dataSource } = conflux.services;
  const scope = AccountScope.of(dataSource, (await accounts.createAccount(accountName)).id);
  log(`Conflux import of ${file}`);
  const { result, seconds, peakRss } = await measure(async () => {
    const started = performance.now();
    let applyingAt = 0;
    const imported = await activity.importStream(scope, file, openActivityFile(file), (p) => {
      if (p.phase === "applying" && !applyingAt) applyingAt = performance.now();
    });
    if (imported.status !== "SUCCEEDED") throw new Error(`import of ${file} failed: ${imported.failure}`);
    const importedAt = performance.now();
    const { totalCount } = await customers.page(scope, { first: 1 });
    const at = (from: number, to: number) => ((to - from) / 1000).toFixed(2);
    log(`  read and staged in ${at(started, applyingAt)} s, applied in ${at(applyingAt, importedAt)} s, first page in ${at(importedAt, performance.now())} s`);
    return { lines: imported.lines, customers: totalCount };
  }, logStartRss);
  return { scope, ...result, seconds, peakRss };
}

/** Rates and peaks over the whole phase: for Conflux, until the first page was read back. */
function ingestFigures(label: string, real: Ingest, floor: Ingest | null): void {
  const metrics: [name: string, unit: string, of: (ingest: Ingest) => number][] = [
    ["lines/s", "lines/s", (ingest) => ingest.lines / ingest.seconds],
    ["seconds", "s", (ingest) => ingest.seconds],
    ["peak RSS", "MB", (ingest) => ingest.peakRss / MB],
  ];
  for (const [name, unit, of] of metrics) {
    figure(BENCH, `${label} conflux ${name}`, of(real), unit, floor ? { against: "in-memory", value: of(floor) } : undefined);
  }
  if (floor) for (const [name, unit, of] of metrics) figure(BENCH, `${label} in-memory ${name}`, of(floor), unit);
}

async function benchSet2(conflux: Conflux): Promise<{ scope: AccountScope; customers: number }> {
  const file = path.join(DATASETS, "messages.2.data.gz");
  if (!fs.existsSync(file)) throw new Error(`${file} not found: set BENCH_DATASETS to the customer-activity datasets directory`);
  const floor = await floorIngest(file);
  const real = await confluxIngest(conflux, file, "bench-set-2");
  if (real.lines !== floor.lines) throw new Error(`Conflux read ${real.lines} lines of ${file}, the summariser ${floor.lines}`);
  const report = compareWithVerification(
    await loadVerificationFile(path.join(DATASETS, "verify.2.csv.gz")),
    await conflux.services.customers.exportAll(real.scope),
  );
  if (report.total !== 0) {
    throw new Error([`set 2: ${report.total} mismatches in ${report.customersAffected} customers:`, ...report.mismatches].join("\n  "));
  }
  log(`set 2: ${real.customers} customers match the verification file`);
  ingestFigures("set-2", real, floor);
  return real;
}

/** The generated file, written once per line count and seed and reused while it has all its lines. */
async function generatedFile(lines: number): Promise<string> {
  const file = path.join(os.tmpdir(), `conflux-activity-${lines}-${GENERATED_SEED}.ndjson`);
  if (fs.existsSync(file) && (await countLines(file)) === lines) return file;
  log(`generating ${lines} lines into ${file}`);
  // The generator's own CLI writes with backpressure, and in a child process its memory stays out of this one's RSS.
  const options = { lines, users: GENERATED_USERS, seed: GENERATED_SEED, out: file };
  await runNode([path.join(__dirname, "generate-activity.js"), ...Object.entries(options).flatMap(([k, v]) => [`--${k}`, String(v)])]);
  return file;
}

/** Newlines in the file: an interrupted generation leaves fewer. */
async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) count++;
  }
  return count;
}

async function benchGenerated(conflux: Conflux, lines: number): Promise<void> {
  const file = await generatedFile(lines);
  const estimate = lines * FLOOR_BYTES_PER_LINE;
  // The summariser keeps everything on the V8 heap: past its limit the process would die instead of skipping.
  const limit = Math.min(FLOOR_MAX_BYTES, v8.getHeapStatistics().heap_size_limit);
  let floor: FloorIngest | null = null;
  if (estimate > limit) {
    log(`in-memory summariser skipped: it would need about ${(estimate / 2 ** 30).toFixed(1)} GB, above ${(limit / 2 ** 30).toFixed(1)} GB`);
  } else {
    floor = await floorIngest(file);
  }
  const real = await confluxIngest(conflux, file, "bench-generated");
  if (real.lines !== lines) throw new Error(`Conflux read ${real.lines} lines of ${file}, expected ${lines}`);
  if (floor && real.customers !== floor.customers) throw new Error(`Conflux has ${real.customers} customers, the summariser ${floor.customers}`);
  ingestFigures(`generated-${lines}`, real, floor);
}

/**
 * One fixed request: runLoad checks every body against the one captured first, so a failure or a GraphQL error
 * is never measured as speed, and the bare server can answer the very same bytes.
 */
async function benchRequest(
  label: string,
  url: string,
  request: { method: string; headers: Record<string, string>; body?: string },
  load: { durationSeconds: number; connections: number },
): Promise<void> {
  const response = await fetch(url, request);
  const body = await response.text();
  if (!response.ok || "errors" in JSON.parse(body)) throw new Error(`${label}: ${response.status} ${body.slice(0, 500)}`);
  const bare = await startBareHttp(body, response.headers.get("content-type") ?? "application/json");
  try {
    const options = { ...request, ...load, expectBody: body };
    const { pathname, search } = new URL(url);
    const floor = await runLoad({ ...options, url: `${bare.url}${pathname}${search}` });
    // Neither run should pay for the other's garbage.
    global.gc?.();
    const real = await runLoad({ ...options, url });
    figure(BENCH, `${label} req/s`, real.requestsPerSec, "req/s", { against: "bare-http", value: floor.requestsPerSec });
    figure(BENCH, `${label} p99`, real.p99LatencyMs, "ms", { against: "bare-http", value: floor.p99LatencyMs });
    figure(BENCH, `${label} bare-http req/s`, floor.requestsPerSec, "req/s");
    figure(BENCH, `${label} bare-http p99`, floor.p99LatencyMs, "ms");
  } finally {
    await bare.close();
  }
}

async function benchApi(conflux: Conflux, baseUrl: string, set2: { scope: AccountScope; customers: number }): Promise<void> {
  const load = { durationSeconds: envCount("BENCH_DURATION", 10), connections: envCount("BENCH_CONNECTIONS", 50) };
  const { key } = await conflux.services.accounts.issueKey(set2.scope, "bench", "MEMBER");
  const authorization = `Bearer ${key}`;
  // runLoad sends one request, so one page: the middle one, which makes the database skip half the customers.
  const page = Math.max(1, Math.ceil(set2.customers / PER_PAGE / 2));
  log(`API load: ${load.durationSeconds} s × ${load.connections} connections per server; REST page ${page}`);
  const rest = { method: "GET", headers: { authorization } };
  await benchRequest("GET /customers", `${baseUrl}/customers?page=${page}&per_page=${PER_PAGE}`, rest, load);
  const graphql = { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify({ query: GRAPHQL_QUERY }) };
  await benchRequest("graphql customers", `${baseUrl}/graphql`, graphql, load);
}

async function main(): Promise<void> {
  const lines = envCount("BENCH_LINES", 5_000_000);
  const server = await startConflux();
  try {
    log(`database ${server.database}`);
    const set2 = await benchSet2(server.conflux);
    if (process.env.BENCH_SKIP_GENERATED === "1") log("generated file skipped (BENCH_SKIP_GENERATED=1)");
    else await benchGenerated(server.conflux, lines);
    await benchApi(server.conflux, server.url, set2);
    printTable();
  } finally {
    await server.close();
  }
}

const floorFile = process.env.BENCH_FLOOR_OF;
(floorFile ? floorChild(floorFile) : main()).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
