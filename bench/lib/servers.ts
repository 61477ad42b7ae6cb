import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { dropSchemas } from "../../src/db/database";
import { loadConfig } from "../../src/config";
import { Conflux } from "../../src/server";

/** A server a bench loads; `url` is its origin (http://127.0.0.1:port). */
export interface Target {
  url: string;
  close(): Promise<void>;
}

export function envCount(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not ${process.env[name]}`);
  return value;
}

/**
 * The real Conflux in this process: PostgreSQL when DATABASE_URL is set (in a schema of its own, dropped on
 * close), the embedded database in memory otherwise.
 */
export async function startConflux(): Promise<Target & { conflux: Conflux; database: string }> {
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
    return {
      conflux,
      url: `http://127.0.0.1:${conflux.port}`,
      database: config.databaseUrl ? `PostgreSQL, schema ${schema}` : "embedded, in memory",
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}


/** The floor: reads the whole request, as Conflux must, then answers the fixed body. */
export async function startBareHttp(body: string, contentType: string): Promise<Target> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": contentType }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
