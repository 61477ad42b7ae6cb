import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import type { ScopedClient } from "../../db/account-scope";

/** One activity item as the staging table holds it. */
export interface StagedItem {
  line: number;
  eventId: string;
  customerId: string;
  type: "event" | "attributes";
  name: string | null;
  data: Record<string, unknown>;
  ts: number;
}

/** Session-local staging; emptied at every commit, so a batch never sees another's rows. */
export const CREATE_STAGE = `
  CREATE TEMP TABLE IF NOT EXISTS activity_stage (
    line integer NOT NULL, event_id text NOT NULL, customer_id text NOT NULL, type text NOT NULL,
    name text, data jsonb NOT NULL, ts bigint NOT NULL
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS activity_fresh (
    customer_id text NOT NULL, type text NOT NULL, name text, data jsonb NOT NULL, ts bigint NOT NULL, arrival bigint NOT NULL
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS activity_won (
    customer_id text NOT NULL, key text NOT NULL, value text
  ) ON COMMIT DELETE ROWS`;

/** Writes items into the stage. Two strategies, one contract. */
export type StageWriter = (client: ScopedClient, items: StagedItem[]) => Promise<void>;

/**
 * PostgreSQL: COPY … FROM STDIN in text format through pg-copy-streams, the fastest bulk path the server has.
 */
export const stageWithCopy: StageWriter = async (client, items) => {
  const stream = client.raw.query(
    copyFrom(`COPY activity_stage (line, event_id, customer_id, type, name, data, ts) FROM STDIN`),
  );
  await pipeline(Readable.from(copyRows(items)), stream);
};

function* copyRows(items: StagedItem[]): Generator<string> {
  let chunk = "";
  for (const it of items) {
    chunk += `${it.line}\t${copyText(it.eventId)}\t${copyText(it.customerId)}\t${it.type}\t${it.name === null ? "\\N" : copyText(it.name)}\t${copyText(JSON.stringify(it.data))}\t${it.ts}\n`;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : value;
}

/**
 * The embedded database: COPY FROM STDIN through pglite-socket hangs, so the batch travels as one JSON
 * parameter expanded by json_to_recordset — one round trip, parsed by PostgreSQL's own JSON parser.
 * Also used for small pushes on PostgreSQL, where a COPY's setup costs more than it saves.
 */
export const stageWithJson: StageWriter = async (client, items) => {
  await client.raw.query(
    `INSERT INTO activity_stage (line, event_id, customer_id, type, name, data, ts)
     SELECT line, event_id, customer_id, type, name, data, ts
       FROM json_to_recordset($1::json) AS x(line integer, event_id text, customer_id text, type text, name text, data jsonb, ts bigint)`,
    [
      JSON.stringify(
        items.map((it) => ({ line: it.line, event_id: it.eventId, customer_id: it.customerId, type: it.type, name: it.name, data: it.data, ts: it.ts })),
      ),
    ],
  );
};
