import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import type { ScopedClient } from "../../db/account-scope";
import { copyText } from "../../db/copy-text";

/** One activity item as a chunk takes it. */
export interface StagedItem {
  line: number;
  eventId: string;
  customerId: string;
  type: "event" | "attributes";
  name: string | null;
  /** `data` as JSON text, as the archive stores it. */
  dataJson: string;
  ts: number;
}

/**
 * Session-local scratch tables of one apply, emptied at every commit: the chunk being archived, the items new to
 * the archive, and the attribute changes that won. Temporary tables write no WAL and go through no shared buffers.
 */
export const CREATE_SCRATCH = `
  CREATE TEMP TABLE IF NOT EXISTS activity_chunk (
    line integer NOT NULL, event_id text NOT NULL, customer_id text NOT NULL, type text NOT NULL, name text,
    data json NOT NULL, ts bigint NOT NULL
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS activity_fresh (
    customer_id text NOT NULL, type text NOT NULL, name text, data json NOT NULL, ts bigint NOT NULL, arrival bigint NOT NULL
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS activity_won (
    customer_id text NOT NULL, key text NOT NULL, value text
  ) ON COMMIT DELETE ROWS`;

/** Items on their way to the session's empty `activity_chunk`, encoded as the way there needs them. */
export interface ActivityChunk {
  add(item: StagedItem): void;
  /** Items added. */
  readonly count: number;
  /** Fills `activity_chunk` with the items. */
  write(client: ScopedClient): Promise<void>;
}

/** How chunks travel to the database: two strategies, one contract. */
export type ChunkFormat = () => ActivityChunk;

const INITIAL_COPY_BYTES = 4 << 20;

/**
 * PostgreSQL: COPY … FROM STDIN in text format through pg-copy-streams, the fastest bulk path the server has. Each
 * item is encoded into the chunk's buffer as it is added, so a waiting chunk is bytes outside the JavaScript heap
 * rather than objects and strings that outlive young collections: a 5,000,000-line import held 780 MB of heap
 * when its chunks were arrays of items.
 */
export const copyChunks: ChunkFormat = () => {
  let buffer = Buffer.allocUnsafe(INITIAL_COPY_BYTES);
  let used = 0;
  let count = 0;
  return {
    get count() {
      return count;
    },
    add(it) {
      const row = `${it.line}\t${copyText(it.eventId)}\t${copyText(it.customerId)}\t${it.type}\t${it.name === null ? "\\N" : copyText(it.name)}\t${copyText(it.dataJson)}\t${it.ts}\n`;
      const bytes = Buffer.byteLength(row);
      if (used + bytes > buffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, used + bytes));
        buffer.copy(grown, 0, 0, used);
        buffer = grown;
      }
      used += buffer.write(row, used);
      count++;
    },
    async write(client) {
      const stream = client.raw.query(copyFrom(`COPY activity_chunk (line, event_id, customer_id, type, name, data, ts) FROM STDIN`));
      await pipeline(Readable.from([buffer.subarray(0, used)]), stream);
    },
  };
};

/**
 * The embedded database: COPY FROM STDIN through pglite-socket hangs, so the chunk travels as one JSON
 * parameter expanded by json_to_recordset — one round trip, parsed by PostgreSQL's own JSON parser.
 * Also used for small pushes on PostgreSQL, where a COPY's setup costs more than it saves.
 */
export const jsonChunks: ChunkFormat = () => {
  const records: string[] = [];
  return {
    get count() {
      return records.length;
    },
    add(it) {
      records.push(stagedItemJson(it));
    },
    async write(client) {
      // A session-local table: no account's rows, so not a ScopedClient statement.
      await client.raw.query(
        `INSERT INTO activity_chunk (line, event_id, customer_id, type, name, data, ts)
         SELECT line, event_id, customer_id, type, name, data, ts
           FROM json_to_recordset($1::json) AS x(line integer, event_id text, customer_id text, type text, name text, data json, ts bigint)`,
        [`[${records.join(",")}]`],
      );
    },
  };
};

/** One record of the JSON chunk; `dataJson` is already JSON, so it is spliced in rather than re-serialised. */
export function stagedItemJson(it: StagedItem): string {
  const head = JSON.stringify({ line: it.line, event_id: it.eventId, customer_id: it.customerId, type: it.type, name: it.name, ts: it.ts });
  return `${head.slice(0, -1)},"data":${it.dataJson}}`;
}
