import type { ScopedClient, AccountScope } from "../../db/account-scope";
import type { SourceRecord } from "../../connectors/contract";
import { hashRecord } from "./record-hash";

export interface Diff {
  created: SourceRecord[];
  updated: SourceRecord[];
  unchanged: number;
  /** Content hash per changed record id. */
  hashes: Map<string, string>;
  /** The hash each updated record had before. */
  previous: Map<string, string>;
}

/**
 * Splits a page into created, updated and unchanged records against what the connection last wrote. A record
 * met twice in one page (it changed while being paged) counts once, in its last version.
 */
export async function diffPage(scope: AccountScope, connectionId: string, records: SourceRecord[]): Promise<Diff> {
  const latest = new Map<string, SourceRecord>();
  for (const r of records) latest.set(r.id, r);
  const ids = [...latest.keys()];
  const known = new Map<string, string>();
  if (ids.length) {
    const rows = await scope.query<{ external_id: string; content_hash: string }>(
      `SELECT external_id, content_hash FROM sync_record
        WHERE account_id = $1 AND connection_id = $2 AND external_id = ANY($3::text[])`,
      [connectionId, ids],
    );
    for (const row of rows) known.set(row.external_id, row.content_hash);
  }
  const diff: Diff = { created: [], updated: [], unchanged: 0, hashes: new Map(), previous: new Map() };
  for (const record of latest.values()) {
    const hash = hashRecord(record.data);
    const previous = known.get(record.id);
    if (previous === hash) diff.unchanged++;
    else {
      (previous === undefined ? diff.created : diff.updated).push(record);
      diff.hashes.set(record.id, hash);
      if (previous !== undefined) diff.previous.set(record.id, previous);
    }
  }
  return diff;
}

/** Remembers what was written (inside the transaction that wrote it). */
export async function saveSyncRecords(
  client: ScopedClient,
  connectionId: string,
  runId: string,
  records: SourceRecord[],
  hashes: Map<string, string>,
): Promise<void> {
  if (!records.length) return;
  await client.query(
    `INSERT INTO sync_record (account_id, connection_id, external_id, content_hash, facet, source_changed_at, run_id)
     SELECT $1, $2, r.id, r.hash, r.facet, r.changed_at, $3
       FROM json_to_recordset($4::json) AS r(id text, hash text, facet text, changed_at timestamptz)
     ON CONFLICT (account_id, connection_id, external_id) DO UPDATE
        SET content_hash = excluded.content_hash, facet = excluded.facet,
            source_changed_at = excluded.source_changed_at, run_id = excluded.run_id`,
    [
      connectionId,
      runId,
      JSON.stringify(records.map((r) => ({ id: r.id, hash: hashes.get(r.id), facet: r.facet ?? null, changed_at: r.changedAt ?? null }))),
    ],
  );
}

/** Every external id the connection holds. */
export async function heldIds(scope: AccountScope, connectionId: string): Promise<string[]> {
  const rows = await scope.query<{ external_id: string }>(
    `SELECT external_id FROM sync_record WHERE account_id = $1 AND connection_id = $2`,
    [connectionId],
  );
  return rows.map((r) => r.external_id);
}

/**
 * Forgets deleted records and removes their customers, unless another connection still holds the same id
 * (two audiences sharing a person keep it until both have let go).
 */
export async function deleteSyncRecords(client: ScopedClient, connectionId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await client.query(
    `DELETE FROM sync_record WHERE account_id = $1 AND connection_id = $2 AND external_id = ANY($3::text[])`,
    [connectionId, ids],
  );
  // The raw archive goes too, or a rebuild would bring the customer back.
  for (const table of ["customer_event", "customer"]) {
    const idColumn = table === "customer" ? "id" : "customer_id";
    await client.query(
      `DELETE FROM ${table} t
        WHERE t.account_id = $1 AND t.${idColumn} = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM sync_record s WHERE s.account_id = $1 AND s.external_id = t.${idColumn})`,
      [ids],
    );
  }
}

/** Records the connection holds, for the drift check. */
export async function heldTotal(scope: AccountScope, connectionId: string): Promise<number> {
  const [row] = await scope.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sync_record WHERE account_id = $1 AND connection_id = $2`,
    [connectionId],
  );
  return row.n;
}

/** Records held per facet by each connection, in one query (a drift's detail, a page of connections). */
export async function heldByFacet(scope: AccountScope, connectionIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const rows = await scope.query<{ connection_id: string; facet: string | null; n: number }>(
    `SELECT connection_id, facet, count(*)::int AS n FROM sync_record
      WHERE account_id = $1 AND connection_id = ANY($2::uuid[]) GROUP BY connection_id, facet ORDER BY facet`,
    [connectionIds],
  );
  const held = new Map<string, Record<string, number>>(connectionIds.map((id) => [id, {}]));
  for (const r of rows) held.get(r.connection_id)![r.facet ?? ""] = r.n;
  return held;
}
