import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import type { ScopedClient } from "../../db/account-scope";
import { copyText } from "../../db/copy-text";

/** One activity item as a chunk holds it. */
export interface StagedItem {
  line: number;
  eventId: string;
  customerId: string;
  type: "event" | "attributes";
  name: string | null;
  /** `data` as JSON text: chunks hold strings, not object graphs, so a chunk costs about its bytes. */
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

/** Fills the session's empty `activity_chunk` with items. Two strategies, one contract. */
export type ChunkWriter = (client: ScopedClient, items: StagedItem[]) => Promise<void>;

/** PostgreSQL: COPY … FROM STDIN in text format through pg-copy-streams, the fastest bulk path the server has. */
export const stageWithCopy: ChunkWriter = async (client, items) => {
  const stream = client.raw.query(copyFrom(`COPY activity_chunk (line, event_id, customer_id, type, name, data, ts) FROM STDIN`));
  await pipeline(Readable.from(copyRows(items)), stream);
};

function* copyRows(items: StagedItem[]): Generator<string> {
  let chunk = "";
  for (const it of items) {
    chunk += `${it.line}\t${copyText(it.eventId)}\t${copyText(it.customerId)}\t${it.type}\t${it.name === null ? "\\N" : copyText(it.name)}\t${copyText(it.dataJson)}\t${it.ts}\n`;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/**
 * The embedded database: COPY FROM STDIN through pglite-socket hangs, so the chunk travels as one JSON
 * parameter expanded by json_to_recordset — one round trip, parsed by PostgreSQL's own JSON parser.
 * Also used for small pushes on PostgreSQL, where a COPY's setup costs more than it saves.
 */
export const stageWithJson: ChunkWriter = async (client, items) => {
  // A session-local table: no account's rows, so not a ScopedClient statement.
  await client.raw.query(
    `INSERT INTO activity_chunk (line, event_id, customer_id, type, name, data, ts)
     SELECT line, event_id, customer_id, type, name, data, ts
       FROM json_to_recordset($1::json) AS x(line integer, event_id text, customer_id text, type text, name text, data json, ts bigint)`,
    [`[${items.map(stagedItemJson).join(",")}]`],
  );
};

/** One record of the JSON chunk; `dataJson` is already JSON, so it is spliced in rather than re-serialised. */
export function stagedItemJson(it: StagedItem): string {
  const head = JSON.stringify({ line: it.line, event_id: it.eventId, customer_id: it.customerId, type: it.type, name: it.name, ts: it.ts });
  return `${head.slice(0, -1)},"data":${it.dataJson}}`;
}
