import { DataSource } from "typeorm";
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
    poolSize: options.poolSize ?? 10,
    extra: { options: `-c search_path=${schema}` },
  });
  await dataSource.initialize();
  return {
    dataSource,
    url,
    schema,
    isEmbedded: !!embedded,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.close();
    },
  };
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name ${schema}`);
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}

export async function runMigrations(db: Database): Promise<string[]> {
  const ran = await db.dataSource.runMigrations({ transaction: "each" });
  return ran.map((m) => m.name);
}
