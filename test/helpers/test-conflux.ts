import crypto from "node:crypto";
import { dropSchemas } from "../../src/db/database";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { loadConfig } from "../../src/config";
import { Conflux, StartOptions } from "../../src/server";
import { Clock } from "../../src/clock";
import { ConnectorRegistry } from "../../src/connectors/registry";
import type { HttpClientOptions } from "../../src/connectors/http-client";
import { AccountScope } from "../../src/db/account-scope";
import { createLogger } from "../../src/logger";
import type { PollerOptions } from "../../src/services/influencers/influencer-poller";
import { Role } from "../../src/entities/api-key";

export interface GqlResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export interface TestConflux {
  conflux: Conflux;
  /** http://127.0.0.1:<port> when started with http. */
  baseUrl: string;
  adminKey: string;
  defaultAccountId: string;
  gql<T, V>(doc: TypedDocumentNode<T, V> | string, variables?: V, key?: string | null): Promise<GqlResult<T>>;
  /** A new account with a key of the given role. */
  newAccount(name: string, role?: Role): Promise<{ accountId: string; key: string }>;
  close(): Promise<void>;
}

export const usesPostgres = !!process.env.DATABASE_URL;

export interface TestConfluxOptions extends StartOptions {
  clock?: Clock;
  registry?: ConnectorRegistry;
  env?: Record<string, string>;
  syncHttp?: HttpClientOptions;
  influencerPolling?: Partial<PollerOptions>;
  enrichmentHttp?: HttpClientOptions;
}

/**
 * A Conflux of its own for one test file: a fresh schema on PostgreSQL (DATABASE_URL), or a fresh in-memory
 * embedded database otherwise. Nothing is shared between files, so they run in parallel.
 */
export async function startTestConflux(options: TestConfluxOptions = {}): Promise<TestConflux> {
  const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    CONFLUX_SECRET_KEY: crypto.randomBytes(32).toString("hex"),
    CONFLUX_DATA_DIR: "/nonexistent-test-dir",
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...(process.env.CONFLUX_CONSOLE_DIR ? { CONFLUX_CONSOLE_DIR: process.env.CONFLUX_CONSOLE_DIR } : {}),
    ...options.env,
  });
  if (usesPostgres) config.databaseSchema = schema;
  const conflux = new Conflux({
    config,
    clock: options.clock,
    registry: options.registry,
    inMemory: true,
    pollingIntervalSeconds: 0.5,
    syncHttp: options.syncHttp,
    influencerPolling: options.influencerPolling,
    enrichmentHttp: options.enrichmentHttp,
    logger: createLogger((process.env.TEST_LOG_LEVEL as "info") ?? "silent"),
  });
  await conflux.init();
  await conflux.start({ http: options.http ?? true, workers: options.workers ?? false, scheduler: options.scheduler ?? false });
  const { account, issued } = await conflux.services.accounts.ensureDefaultAccount();
  const baseUrl = `http://127.0.0.1:${conflux.port ?? 0}`;

  const gql: TestConflux["gql"] = async (doc, variables, key = issued!.key) => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query: typeof doc === "string" ? doc : print(doc), variables }),
    });
    return (await res.json()) as GqlResult<never>;
  };

  return {
    conflux,
    baseUrl,
    adminKey: issued!.key,
    defaultAccountId: account.id,
    gql,
    async newAccount(name, role = "ADMIN") {
      const created = await conflux.services.accounts.createAccount(name);
      const { key } = await conflux.services.accounts.issueKey(AccountScope.of(conflux.services.dataSource, created.id), "test", role);
      return { accountId: created.id, key };
    },
    async close() {
      await conflux.stop();
      if (usesPostgres) await dropSchemas(process.env.DATABASE_URL!, [schema, `${schema}_boss`]);
    },
  };
}


/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
