import { DataSource } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import { Client, type Pool } from "pg";
import { migrations } from "../../migrations";
import { entities } from "../entities";
import { startEmbeddedDatabase, EmbeddedDatabase } from "./embedded";

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent an embedded PGlite is started (in `dataDir`, or in memory when that is absent too). */
  url?: string;
  /** Schema for every Conflux table; tests use one per file on PostgreSQL. */
  schema?: string;
  dataDir?: string;
  poolSize?: number;
}

export interface Database {
  dataSource: DataSource;
  /** A connection string for other clients in the process (pg-boss, LISTEN/NOTIFY, COPY). */
  url: string;
  schema: string;
  isEmbedded: boolean;
  embedded?: EmbeddedDatabase;
  /** The pg pool behind TypeORM, for other clients that must share its connections (pg-boss on PGlite). */
  sharedPool(): Pool;
  close(): Promise<void>;
}

/** Opens PostgreSQL or the embedded database behind one connection string; does not migrate. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const embedded = options.url ? undefined : await startEmbeddedDatabase(options.dataDir);
  const url = options.url ?? embedded!.url;
  const schema = options.schema ?? "public";
  if (schema !== "public") await ensureSchema(url, schema);
  const dataSource = new DataSource({
    type: "postgres",
    url,
    schema,
    entities,
    migrations,
    migrationsTransactionMode: "each",
    synchronize: false,
    uuidExtension: "pgcrypto",
    installExtensions: false,
    // One connection on the embedded database: pglite-socket multiplexes connections onto one session and can
    // interleave the Parse/Bind messages of concurrent statements from different connections, so every client
    // in the process (TypeORM, pg-boss through `sharedPool`, raw hot paths) queues on this single connection.
    poolSize: embedded ? 1 : (options.poolSize ?? 10),
    extra: { options: `-c search_path=${schema}` },
  });
  await dataSource.initialize();
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  // The embedded session outlives its socket connections: statements an earlier connection named (the hot reads of
  // `AccountScope.prepared`) are still there when the pool opens the next one, whose client believes it has none.
  // Queued before anything the new client is asked; should it fail, the connection is broken and its next query says so.
  if (embedded) pool.on("connect", (client) => void client.query("DEALLOCATE ALL").catch(() => undefined));
  return {
    dataSource,
    url,
    schema,
    isEmbedded: !!embedded,
    embedded,
    sharedPool: () => pool,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.close();
    },
  };
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  await onSchemas(url, [schema], (s) => `CREATE SCHEMA IF NOT EXISTS ${s}`);
}

/** Drops throwaway schemas (a test file's or a benchmark's, with its pg-boss schema). */
export function dropSchemas(url: string, schemas: string[]): Promise<void> {
  return onSchemas(url, schemas, (s) => `DROP SCHEMA IF EXISTS ${s} CASCADE`);
}

/** Schema names cannot be parameters, so they are checked against a strict pattern before use. */
async function onSchemas(url: string, schemas: string[], statement: (schema: string) => string): Promise<void> {
  for (const s of schemas) if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`Invalid schema name ${s}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of schemas) await client.query(statement(s));
  } finally {
    await client.end();
  }
}

export async function runMigrations(db: Database): Promise<string[]> {
  const ran = await db.dataSource.runMigrations({ transaction: "each" });
  return ran.map((m) => m.name);
}
