import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Every environment variable Conflux reads, parsed once. The README's configuration table mirrors this. */
/** An empty variable counts as unset, so `DATABASE_URL= npm start` means the embedded database. */
const optional = (schema: z.ZodString) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: optional(z.string().url()),
  CONFLUX_DATABASE_SCHEMA: optional(z.string().regex(/^[a-z_][a-z0-9_]*$/)),
  CONFLUX_DATA_DIR: z.string().default(".conflux"),
  CONFLUX_SECRET_KEY: optional(z.string()),
  CONFLUX_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CONFLUX_SCHEDULER: z.enum(["on", "off"]).default("on"),
  CONFLUX_WORKERS: z.enum(["on", "off"]).default("on"),
  CONFLUX_LOOPBACK_DEFAULT_ACCOUNT: z.enum(["on", "off"]).default("off"),
  CONFLUX_BODY_LIMIT: z.string().default("1mb"),
  CONFLUX_MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
  CONFLUX_MAX_QUERY_COMPLEXITY: z.coerce.number().int().positive().default(20000),
  CONFLUX_DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  CONFLUX_SYNC_CONCURRENCY: z.coerce.number().int().positive().default(4),
  CONFLUX_SYNC_JITTER_SECONDS: z.coerce.number().int().min(0).default(30),
  CONFLUX_ALERT_WEBHOOK_URL: optional(z.string().url()),
  CONFLUX_QUEUE_STALL_SECONDS: z.coerce.number().int().positive().default(300),
  CONFLUX_INFLUENCER_POLLS_IN_FLIGHT: z.coerce.number().int().positive().default(500),
  CONFLUX_INFLUENCER_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  CONFLUX_INFLUENCER_CLASSIFY_CONCURRENCY: z.coerce.number().int().positive().default(2),
  CONFLUX_ENRICHMENT_CONCURRENCY: z.coerce.number().int().positive().default(4),
  CONFLUX_ENRICHMENT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  CONFLUX_ENRICHMENT_BATCH_EXPIRE_SECONDS: z.coerce.number().int().min(1).default(300),
  CONFLUX_ENRICHMENT_BODY_LIMIT: z.string().default("25mb"),
  CONFLUX_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(120),
  CONFLUX_CONSOLE_DIR: optional(z.string()),
  NODE_ENV: z.string().default("development"),
});

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; absent means the embedded database in `dataDir`. */
  databaseUrl?: string;
  /** Schema to run in on PostgreSQL (tests use one per file); `public` otherwise. */
  databaseSchema?: string;
  dataDir: string;
  secretKey?: string;
  logLevel: z.infer<typeof EnvSchema>["CONFLUX_LOG_LEVEL"];
  runScheduler: boolean;
  runWorkers: boolean;
  loopbackDefaultAccount: boolean;
  bodyLimit: string;
  maxQueryDepth: number;
  maxQueryComplexity: number;
  dbPoolSize: number;
  /** Sync runs one worker process executes at once. */
  syncConcurrency: number;
  /** Scheduled runs start up to this many seconds late, at random, so a thousand hourly connections do not all start at :00. */
  syncJitterSeconds: number;
  alertWebhookUrl?: string;
  /** Jobs due longer than this without starting open a QUEUE_STALLED alert. */
  queueStallSeconds: number;
  /** Influencer reads one worker process keeps in flight (each mockstagram connection also caps its own). */
  influencerPollsInFlight: number;
  /** Days of raw influencer readings kept (whole daily partitions are dropped); hourly and daily rollups stay. */
  influencerRetentionDays: number;
  /** Suspicious-flag jobs one worker process runs at once (each checks up to ten influencers concurrently). */
  influencerClassifyConcurrency: number;
  /** Enrichment batches one worker process runs at once. */
  enrichmentConcurrency: number;
  /** Records per queued enrichment batch. */
  enrichmentBatchSize: number;
  /** A running batch older than this is taken for lost (its worker died) and handed out again. */
  enrichmentBatchExpireSeconds: number;
  /** Request body limit of POST /v2/enriched_data (10,000 contacts a request). */
  enrichmentBodyLimit: string;
  /** How often the queue looks for expired jobs to retry. */
  queueMaintenanceSeconds: number;
  /** Built web console served at `/`; by default web/dist of this checkout. */
  consoleDir: string;
  isProduction: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.CONFLUX_DATABASE_SCHEMA,
    dataDir: path.resolve(e.CONFLUX_DATA_DIR),
    secretKey: e.CONFLUX_SECRET_KEY,
    logLevel: e.CONFLUX_LOG_LEVEL,
    runScheduler: e.CONFLUX_SCHEDULER === "on",
    runWorkers: e.CONFLUX_WORKERS === "on",
    loopbackDefaultAccount: e.CONFLUX_LOOPBACK_DEFAULT_ACCOUNT === "on",
    bodyLimit: e.CONFLUX_BODY_LIMIT,
    maxQueryDepth: e.CONFLUX_MAX_QUERY_DEPTH,
    maxQueryComplexity: e.CONFLUX_MAX_QUERY_COMPLEXITY,
    dbPoolSize: e.CONFLUX_DB_POOL_SIZE,
    syncConcurrency: e.CONFLUX_SYNC_CONCURRENCY,
    syncJitterSeconds: e.CONFLUX_SYNC_JITTER_SECONDS,
    alertWebhookUrl: e.CONFLUX_ALERT_WEBHOOK_URL,
    queueStallSeconds: e.CONFLUX_QUEUE_STALL_SECONDS,
    influencerPollsInFlight: e.CONFLUX_INFLUENCER_POLLS_IN_FLIGHT,
    influencerRetentionDays: e.CONFLUX_INFLUENCER_RETENTION_DAYS,
    influencerClassifyConcurrency: e.CONFLUX_INFLUENCER_CLASSIFY_CONCURRENCY,
    enrichmentConcurrency: e.CONFLUX_ENRICHMENT_CONCURRENCY,
    enrichmentBatchSize: e.CONFLUX_ENRICHMENT_BATCH_SIZE,
    enrichmentBatchExpireSeconds: e.CONFLUX_ENRICHMENT_BATCH_EXPIRE_SECONDS,
    enrichmentBodyLimit: e.CONFLUX_ENRICHMENT_BODY_LIMIT,
    queueMaintenanceSeconds: e.CONFLUX_QUEUE_MAINTENANCE_SECONDS,
    consoleDir: e.CONFLUX_CONSOLE_DIR ? path.resolve(e.CONFLUX_CONSOLE_DIR) : defaultConsoleDir(),
    isProduction: e.NODE_ENV === "production",
  };
}

/** web/dist beside the sources, whether this runs compiled (dist/src) or from the TypeScript (src). */
function defaultConsoleDir(): string {
  const candidates = [path.resolve(__dirname, "../web/dist"), path.resolve(__dirname, "../../web/dist")];
  return candidates.find((dir) => fs.existsSync(path.join(dir, "index.html"))) ?? candidates[1];
}
