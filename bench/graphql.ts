import "reflect-metadata";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { Client } from "pg";
import { loadConfig } from "../src/config";
import { Conflux } from "../src/server";
import { runLoad } from "./lib/load";
import { figure, printTable } from "./lib/report";

/**
 * Requests/s and p99 latency of a small authenticated GraphQL query against the real Conflux server, beside a bare
 * node:http server answering the same bytes in the same process: the floor under what Express, Apollo and the
 * API-key lookup cost. PostgreSQL when DATABASE_URL is set (in a schema of its own, dropped afterwards), the
 * embedded database in memory otherwise.
 *
 *   BENCH_DURATION=10 BENCH_CONNECTIONS=50 [DATABASE_URL=postgres://…] npm run bench -- graphql
 */

const BENCH = "graphql";
const QUERY = "{ viewer { account { name } } }";
// Byte for byte what Apollo answers (it ends its JSON with a newline), so both servers send the same payload.
const RESPONSE = `${JSON.stringify({ data: { viewer: { account: { name: "default" } } } })}\n`;

function envCount(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not ${process.env[name]}`);
  return value;
}

interface Target {
  url: string;
  close(): Promise<void>;
}

async function startConflux(): Promise<Target & { key: string; database: string }> {
  const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", CONFLUX_SECRET_KEY: crypto.randomBytes(32).toString("hex") });
  const schema = `bench_${crypto.randomBytes(6).toString("hex")}`;
  if (config.databaseUrl) config.databaseSchema = schema;
  // Warnings go to stderr: stdout is reserved for the figures' JSON lines.
  const logger = pino({ level: "warn", base: { service: "conflux" } }, process.stderr);
  const conflux = new Conflux({ config, inMemory: !config.databaseUrl, logger });
  const close = async () => {
    await conflux.stop();
    if (config.databaseUrl) await dropSchemas(config.databaseUrl, [schema, `${schema}_boss`]);
  };
  try {
    await conflux.init();
    await conflux.start({ http: true, workers: false, scheduler: false });
    const { issued } = await conflux.services.accounts.ensureDefaultAccount();
    if (!issued) throw new Error("the default account already existed, so its key is unknown");
    return {
      url: `http://127.0.0.1:${conflux.port}/graphql`,
      key: issued.key,
      database: config.databaseUrl ? `PostgreSQL, schema ${schema}` : "embedded, in memory",
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

async function dropSchemas(url: string, schemas: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Reads the whole request, as Conflux must, then answers the fixed body. */
async function startBareHttp(): Promise<Target> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(RESPONSE));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const durationSeconds = envCount("BENCH_DURATION", 10);
  const connections = envCount("BENCH_CONNECTIONS", 50);
  const conflux = await startConflux();
  const bare = await startBareHttp();
  try {
    console.error(`${BENCH}: database ${conflux.database}; ${durationSeconds} s × ${connections} connections per server`);
    const load = {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${conflux.key}` },
      body: JSON.stringify({ query: QUERY }),
      durationSeconds,
      connections,
      expectBody: RESPONSE,
    };
    const floor = await runLoad({ ...load, url: bare.url });
    // Neither run should pay for the other's garbage.
    global.gc?.();
    const real = await runLoad({ ...load, url: conflux.url });

    figure(BENCH, "conflux req/s", real.requestsPerSec, "req/s", { against: "bare-http", value: floor.requestsPerSec });
    figure(BENCH, "conflux p99", real.p99LatencyMs, "ms", { against: "bare-http", value: floor.p99LatencyMs });
    figure(BENCH, "bare-http req/s", floor.requestsPerSec, "req/s");
    figure(BENCH, "bare-http p99", floor.p99LatencyMs, "ms");
    printTable();
  } finally {
    await bare.close();
    await conflux.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
