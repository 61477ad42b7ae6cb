import type { AccountScope, ScopedClient } from "../../db/account-scope";
import type { Logger } from "../../logger";
import { ActivityAttributes, ActivityItem, ActivityLineError, itemOf, LineTally, parseActivityLine, validateActivityObject } from "./activity-item";
import { readLines } from "./line-reader";
import { ActivityBatch, applyAttributeItems, AppliedBatch, rebuildFromArchive } from "./activity-applier";
import { ChunkFormat, CREATE_SCRATCH, jsonChunks, StagedItem } from "./activity-stage";
import { activityLinesTotal } from "../../metrics";

export interface ImportProgress {
  /** Reading (parsing, and archiving chunk by chunk), applying (the fold after the last chunk), done. */
  phase: "reading" | "applying" | "done";
  lines: number;
  bytes: number;
  applied: number;
  errorCount: number;
}

export interface ImportResult extends ImportProgress {
  importId: string;
  status: "SUCCEEDED" | "FAILED";
  duplicates: number;
  anonymous: number;
  /** The first 100 bad lines; `errorCount` counts them all. */
  errors: ActivityLineError[];
  failure: string | null;
}

export interface TrackResult {
  received: number;
  applied: number;
  duplicates: number;
  anonymous: number;
  errorCount: number;
  errors: ActivityLineError[];
}

/** Work of the caller's that must commit or roll back with an apply (a replace's delete, a sync's checkpoint). */
type Prelude = (client: ScopedClient) => Promise<void>;

export function toStagedItem(item: ActivityItem, line: number): StagedItem {
  return {
    line,
    eventId: item.eventId,
    customerId: item.userId,
    type: item.kind,
    name: item.kind === "event" ? item.name : null,
    dataJson: JSON.stringify(item.data),
    ts: Math.floor(item.timestamp),
  };
}

/**
 * Streams NDJSON activity into the customer store in one transaction. Reading: each line is parsed and validated,
 * and good lines go in chunks (COPY on PostgreSQL) to an ActivityBatch, which archives each chunk while the next
 * one is parsed, so the server's parsing and the database's writing overlap; memory holds two chunks at most,
 * as encoded bytes.
 * Applying: the batch folds the whole import into the customers, set-based. So an import lands whole or not at
 * all — bad lines are reported and skipped, but a failure never leaves part of a file applied — and the summary
 * tables are touched once per import rather than once per chunk. The account's activity lock is held from the
 * first chunk to the commit: other writers of the account wait for the import.
 */
export class ActivityService {
  constructor(
    private readonly chunkFormat: ChunkFormat,
    private readonly logger: Logger,
    private readonly chunkSize = 20_000,
  ) {}

  async importStream(
    scope: AccountScope,
    source: string,
    input: AsyncIterable<Buffer | string>,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportResult> {
    const [{ id: importId }] = await scope.query<{ id: string }>(
      `INSERT INTO activity_import (account_id, source) VALUES ($1, $2) RETURNING id`,
      [source],
    );
    const result: ImportResult = {
      importId, status: "SUCCEEDED", phase: "reading", lines: 0, bytes: 0, applied: 0, duplicates: 0, anonymous: 0, errorCount: 0, errors: [], failure: null,
    };
    try {
      const applied = await scope.withClientTransaction(async (client) => {
        const batch = await ActivityBatch.begin(client, this.chunkFormat);
        for await (const { text, lineNo, bytes } of readLines(input)) {
          result.lines = lineNo;
          result.bytes += bytes;
          const item = itemOf(parseActivityLine(text, lineNo), result);
          if (item) {
            batch.add(toStagedItem(item, lineNo));
            if (batch.pending >= this.chunkSize) await batch.flush();
          }
          if ((lineNo & 0x3fff) === 0) onProgress?.(progressOf(result));
        }
        result.phase = "applying";
        onProgress?.(progressOf(result));
        return batch.finish();
      });
      result.applied = applied.applied;
      result.duplicates = applied.duplicates;
      // A bulk import can change the tables by orders of magnitude: fresh statistics keep the planner on the
      // primary keys (without them it sorted every customer for each page of 25). The fold rewrote every customer it
      // touched (a new customer is inserted, then updated), leaving a dead version beside each live one; VACUUM of
      // `customer` (not of the far larger attribute and event tables) sets the visibility map again, so the pages'
      // walks stay index-only: without it each REST page fetched ~270 heap tuples and served 40% fewer requests
      // (4,100 against 7,000 in 10 s on set 2). Autovacuum would do it later, but the embedded database has none
      // and servers may have it off.
      if (applied.applied > 10_000) {
        await scope.withClient(async (client) => {
          await client.exec("VACUUM (ANALYZE) customer");
          await client.exec("ANALYZE customer_attribute");
        });
      }
    } catch (error) {
      result.status = "FAILED";
      result.failure = (error as Error).message;
      this.logger.error({ err: error, accountId: scope.accountId, importId }, "activity import failed");
    }
    result.phase = "done";
    activityLinesTotal.inc({ outcome: "applied" }, result.applied);
    activityLinesTotal.inc({ outcome: "duplicate" }, result.duplicates);
    activityLinesTotal.inc({ outcome: "invalid" }, result.errorCount);
    onProgress?.(progressOf(result));
    await scope.query(
      `UPDATE activity_import SET status = $3, lines = $4, bytes = $5, applied = $6, duplicates = $7, anonymous = $8,
              error_count = $9, errors = $10::jsonb, failure = $11, finished_at = now()
        WHERE account_id = $1 AND id = $2`,
      [importId, result.status, result.lines, result.bytes, result.applied, result.duplicates, result.anonymous,
        result.errorCount, JSON.stringify(result.errors), result.failure],
    );
    return result;
  }

  /** Validates and applies a small batch of raw items (GraphQL `trackActivity`), reporting bad ones by position. */
  async track(scope: AccountScope, objects: unknown[]): Promise<TrackResult> {
    const tally: LineTally = { anonymous: 0, errorCount: 0, errors: [] };
    const items: ActivityItem[] = [];
    objects.forEach((object, index) => {
      const item = itemOf(validateActivityObject(object, index + 1), tally);
      if (item) items.push(item);
    });
    const applied = items.length ? await this.applyItems(scope, items) : { applied: 0, duplicates: 0 };
    return { received: objects.length, ...applied, ...tally };
  }

  /**
   * Small pushes (GraphQL, API edits): staged as JSON and applied in one transaction. `prelude` runs first in the
   * same transaction (a replace deletes the old customer there, so a failure leaves the old one intact).
   */
  applyItems(scope: AccountScope, items: ActivityItem[], prelude?: Prelude): Promise<AppliedBatch> {
    return this.applyTransaction(scope, items, prelude, async (client, staged) => {
      const batch = await ActivityBatch.begin(client, jsonChunks);
      for (const item of staged) batch.add(item);
      return batch.finish();
    });
  }

  /**
   * Whole versions of records (syncs), at most one per customer, in one transaction after `prelude`: customers new
   * to the account are written directly, the rest folded as any other activity.
   */
  applyAttributes(scope: AccountScope, items: ActivityAttributes[], prelude?: Prelude): Promise<AppliedBatch> {
    return this.applyTransaction(scope, items, prelude, applyAttributeItems);
  }

  /** One transaction: the caller's prelude, then `apply` on the items numbered as lines. */
  private applyTransaction(
    scope: AccountScope,
    items: ActivityItem[],
    prelude: Prelude | undefined,
    apply: (client: ScopedClient, staged: StagedItem[]) => Promise<AppliedBatch>,
  ): Promise<AppliedBatch> {
    const staged = items.map((item, i) => toStagedItem(item, i + 1));
    return scope.withClientTransaction(async (client) => {
      await prelude?.(client);
      return apply(client, staged);
    });
  }

  /** Recomputes the account's summaries from the archive, in one transaction. */
  rebuild(scope: AccountScope): Promise<{ customers: number; items: number }> {
    return scope.withClientTransaction(async (client) => {
      await client.exec(CREATE_SCRATCH);
      return rebuildFromArchive(client);
    });
  }
}

function progressOf(r: ImportResult): ImportProgress {
  return { phase: r.phase, lines: r.lines, bytes: r.bytes, applied: r.applied, errorCount: r.errorCount };
}
