import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedDatabase {
  /** An ordinary connection string to the in-process server, so TypeORM, pg-boss and raw `pg` share one path. */
  url: string;
  pglite: PGlite;
  close(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WebAssembly) behind pglite-socket. `dataDir` of undefined means in memory
 * (tests). The socket multiplexes up to `maxConnections` clients onto the single PGlite session, so every pool
 * in the process must fit under it.
 */
export async function startEmbeddedDatabase(dataDir?: string, maxConnections = 40): Promise<EmbeddedDatabase> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create(dataDir ? `${dataDir}/pgdata` : "memory://");
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    pglite,
    async close() {
      await server.stop();
      await pglite.close();
    },
  };
}
