import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { from as copyFrom } from "pg-copy-streams";
import type { ScopedClient } from "../../db/account-scope";
import { copyNullable, copyText } from "../../db/copy-text";
import type { WebEvent } from "./web-event";

/** An event with what identification decided of it. */
export interface IdentifiedEvent {
  event: WebEvent;
  companyId: string | null;
  /** domain, ip, free-mail, unknown or noise. */
  identifiedBy: string;
  noiseRuleId: string | null;
}

/**
 * Appends events to `web_event`. The caller has already left out every event whose id is stored, so this is a plain
 * append; an id stored meanwhile by a concurrent upload fails the unique index (23505) and the caller's batch is
 * retried. Two strategies, one contract, as for customer activity (its ChunkFormat).
 */
export type ArchiveWriter = (client: ScopedClient, events: IdentifiedEvent[]) => Promise<void>;

const COLUMNS = "account_id, event_id, type, occurred_at, ip, email, domain, payload, company_id, identified_by, noise_rule_id";

/** Below this many events a COPY's setup costs more than it saves. */
const SMALL = 200;

/**
 * PostgreSQL: COPY … FROM STDIN (text format, pg-copy-streams). COPY writes a page of rows at a time (one WAL
 * record a page instead of one a row) and parses plain text instead of a JSON document: the archive's insert was
 * the largest part of a batch.
 */
export const archiveWithCopy: ArchiveWriter = async (client, events) => {
  if (events.length < SMALL) return archiveWithJson(client, events);
  const stream = client.raw.query(copyFrom(`COPY web_event (${COLUMNS}) FROM STDIN`));
  await pipeline(Readable.from(copyRows(client.accountId, events)), stream);
};

function* copyRows(accountId: string, events: IdentifiedEvent[]): Generator<string> {
  let chunk = "";
  for (const { event: e, companyId, identifiedBy, noiseRuleId } of events) {
    const payload = Object.keys(e.payload).length ? copyText(JSON.stringify(e.payload)) : "{}";
    chunk += `${accountId}\t${copyNullable(e.event_id)}\t${e.type}\t${new Date(e.at).toISOString()}\t${e.ip ?? "\\N"}\t${copyNullable(e.email)}\t${copyNullable(e.domain)}\t${payload}\t${companyId ?? "\\N"}\t${identifiedBy}\t${noiseRuleId ?? "\\N"}\n`;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/**
 * The embedded database (COPY FROM STDIN through pglite-socket hangs) and small pushes: the events as one JSON
 * parameter expanded by json_to_recordset. Only what an event has is sent: absent keys cost nothing to parse, and
 * the statement supplies the defaults.
 */
export const archiveWithJson: ArchiveWriter = async (client, events) => {
  const rows = events.map(({ event: e, companyId, identifiedBy, noiseRuleId }) => {
    const row: Record<string, unknown> = { type: e.type, at: e.at, identified_by: identifiedBy };
    if (e.event_id) row.event_id = e.event_id;
    if (e.ip) row.ip = e.ip;
    if (e.email) row.email = e.email;
    if (e.domain) row.domain = e.domain;
    if (Object.keys(e.payload).length) row.payload = e.payload;
    if (companyId) row.company_id = companyId;
    if (noiseRuleId) row.noise_rule_id = noiseRuleId;
    return row;
  });
  await client.query(
    `INSERT INTO web_event (${COLUMNS})
     SELECT $1, x.event_id, x.type, to_timestamp(x.at / 1000.0), x.ip, x.email, x.domain, coalesce(x.payload, '{}'), x.company_id, x.identified_by, x.noise_rule_id
       FROM json_to_recordset($2::json) AS x(event_id text, type text, at float8, ip inet, email text, domain text, payload jsonb,
         company_id uuid, identified_by text, noise_rule_id uuid)`,
    [JSON.stringify(rows)],
  );
};
