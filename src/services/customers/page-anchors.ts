import type { AccountScope } from "../../db/account-scope";

/** Ids between two anchors: the most an offset page walks in the primary key. */
export const ANCHOR_EVERY = 256;
/** Accounts whose anchors are held; past it the cache starts over (bounded memory, refilled on demand). */
const MAX_ACCOUNTS = 1000;

interface Anchors {
  /** `customer_count.version` the ids were read at. */
  version: string;
  /** The id at offset 0, ANCHOR_EVERY, 2 × ANCHOR_EVERY, … */
  ids: string[];
}

/** Where an offset page starts: the first id at or after `from`, then `skip` more. */
export interface PageStart {
  from: string;
  skip: number;
  /** The version of the anchor used; null when the page needs none (it starts within the first ANCHOR_EVERY). */
  version: string | null;
}

/**
 * Offset pages (the REST API's `page` and `per_page`) without walking the offset: PostgreSQL reaches offset N of
 * an index only by stepping over N entries, 0.5 ms for the middle page of 10,000 customers and growing with the
 * account. This holds every ANCHOR_EVERY-th customer id of an account, in id order, so a page starts at the
 * nearest anchor and steps over fewer than ANCHOR_EVERY ids. An account's anchors hold while its
 * `customer_count.version` is the one they were read at: only creating or deleting customers moves ids. The
 * caller reads the page together with the current version, and asks again with that version when it differs.
 */
export class PageAnchors {
  private readonly byAccount = new Map<string, Anchors>();
  private readonly loading = new Map<string, Promise<Anchors>>();

  /** The start of the page at `offset` by the anchors held, read anew when none are or when `version` moved. */
  async start(scope: AccountScope, offset: number, version?: string): Promise<PageStart> {
    if (offset < ANCHOR_EVERY) return { from: "", skip: offset, version: null }; // "" sorts before every id
    let anchors = this.byAccount.get(scope.accountId);
    if (!anchors || (version !== undefined && anchors.version !== version)) anchors = await this.load(scope);
    const index = Math.min(Math.floor(offset / ANCHOR_EVERY), anchors.ids.length - 1);
    if (index < 0) return { from: "", skip: offset, version: anchors.version };
    return { from: anchors.ids[index], skip: offset - index * ANCHOR_EVERY, version: anchors.version };
  }

  /** One read per account at a time; concurrent pages of a moved account wait for the same one. */
  private load(scope: AccountScope): Promise<Anchors> {
    const pending = this.loading.get(scope.accountId);
    if (pending) return pending;
    const loading = this.read(scope).finally(() => this.loading.delete(scope.accountId));
    this.loading.set(scope.accountId, loading);
    return loading;
  }

  private async read(scope: AccountScope): Promise<Anchors> {
    // The ids and the version in one statement, so they are of one snapshot.
    const [row] = await scope.query<{ version: string | null; ids: string[] | null }>(
      `SELECT (SELECT version::text FROM customer_count WHERE account_id = $1) AS version,
              (SELECT array_agg(id ORDER BY id) FROM (
                 SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM customer WHERE account_id = $1) s
                WHERE n % ${ANCHOR_EVERY} = 0) AS ids`,
    );
    const anchors = { version: row.version ?? "0", ids: row.ids ?? [] };
    if (this.byAccount.size >= MAX_ACCOUNTS) this.byAccount.clear();
    this.byAccount.set(scope.accountId, anchors);
    return anchors;
  }
}
