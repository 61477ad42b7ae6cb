import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import type { ScopedClient } from "../../db/account-scope";
import { copyText } from "../../db/copy-text";

/** One activity item as the staging table holds it. */
export interface StagedItem {
  line: number;
  eventId: string;
  customerId: string;
  type: "event" | "attributes";
  name: string | null;
  /** `data` as JSON text: staged batches hold strings, not object graphs, so a batch costs about its bytes. */
  dataJson: string;
  ts: number;
}

/** Session-local scratch tables of one apply; emptied at every commit. */
export const CREATE_SCRATCH = `
  CREATE TEMP TABLE IF NOT EXISTS activity_fresh (
    customer_id text NOT NULL, type text NOT NULL, name text, data json NOT NULL, ts bigint NOT NULL, arrival bigint NOT NULL
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS activity_won (
    customer_id text NOT NULL, key text NOT NULL, value text
  ) ON COMMIT DELETE ROWS`;

/** Appends items of one import (`stageId`) to the unlogged `activity_stage` table. Two strategies, one contract. */
export type StageWriter = (client: ScopedClient, stageId: string, items: StagedItem[]) => Promise<void>;

/**
 * PostgreSQL: COPY … FROM STDIN in text format through pg-copy-streams, the fastest bulk path the server has.
 */
export const stageWithCopy: StageWriter = async (client, stageId, items) => {
  const stream = client.raw.query(
    copyFrom(`COPY activity_stage (account_id, stage_id, line, event_id, customer_id, type, name, data, ts) FROM STDIN`),
  );
  await pipeline(Readable.from(copyRows(`${client.accountId}\t${stageId}\t`, items)), stream);
};

function* copyRows(prefix: string, items: StagedItem[]): Generator<string> {
  let chunk = "";
  for (const it of items) {
    chunk += `${prefix}${it.line}\t${copyText(it.eventId)}\t${copyText(it.customerId)}\t${it.type}\t${it.name === null ? "\\N" : copyText(it.name)}\t${copyText(it.dataJson)}\t${it.ts}\n`;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/**
 * The embedded database: COPY FROM STDIN through pglite-socket hangs, so the batch travels as one JSON
 * parameter expanded by json_to_recordset — one round trip, parsed by PostgreSQL's own JSON parser.
 * Also used for small pushes on PostgreSQL, where a COPY's setup costs more than it saves.
 */
export const stageWithJson: StageWriter = async (client, stageId, items) => {
  await client.query(
    `INSERT INTO activity_stage (account_id, stage_id, line, event_id, customer_id, type, name, data, ts)
     SELECT $1, $2, line, event_id, customer_id, type, name, data, ts
       FROM json_to_recordset($3::json) AS x(line integer, event_id text, customer_id text, type text, name text, data json, ts bigint)`,
    [stageId, `[${items.map(stagedItemJson).join(",")}]`],
  );
};

/** One record of the JSON batch; `dataJson` is already JSON, so it is spliced in rather than re-serialised. */
export function stagedItemJson(it: StagedItem): string {
  const head = JSON.stringify({ line: it.line, event_id: it.eventId, customer_id: it.customerId, type: it.type, name: it.name, ts: it.ts });
  return `${head.slice(0, -1)},"data":${it.dataJson}}`;
}
