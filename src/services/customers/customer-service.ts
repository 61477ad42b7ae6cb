import crypto from "node:crypto";
import type { AccountScope, ScopedClient } from "../../db/account-scope";
import { decodeCursor, encodeCursor, Page, pageSize } from "../../db/keyset";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import type { Clock } from "../../clock";
import type { ActivityAttributes } from "./activity-item";
import type { ActivityService } from "./activity-service";
import { PageAnchors } from "./page-anchors";

/** A customer as every API shows it. */
export interface Customer {
  id: string;
  attributes: Record<string, string>;
  lastUpdated: number;
}

export type CustomerOrder = "ID_ASC" | "ID_DESC" | "LAST_UPDATED_DESC" | "LAST_UPDATED_ASC";

export interface CustomerFilter {
  attribute: string;
  equals?: string | null;
  contains?: string | null;
}

/** Attribute values as sent by API callers: strings, numbers and booleans are kept as strings, null removes. */
export type AttributeChanges = Record<string, unknown>;

const ORDER_SQL: Record<CustomerOrder, { column: string; direction: "ASC" | "DESC" }> = {
  ID_ASC: { column: "id", direction: "ASC" },
  ID_DESC: { column: "id", direction: "DESC" },
  LAST_UPDATED_DESC: { column: "last_updated", direction: "DESC" },
  LAST_UPDATED_ASC: { column: "last_updated", direction: "ASC" },
};

/** A customer with its attributes and event counts as JSON text, as PostgreSQL writes them. */
export interface CustomerText {
  id: string;
  attributesJson: string;
  eventsJson: string;
  lastUpdated: number;
}

/** A customer with its event counts (name → distinct events), as the REST API and exports show it. */
export type CustomerWithEvents = Customer & { events: Record<string, number> };

/** Earliest plausible `created_at` (unix seconds): 1990; the latest is a day ahead of now. */
const EARLIEST_CREATED_AT = 631152000;

/**
 * Reading and editing customers. Every attribute write is an activity item that goes through the same
 * archive-and-apply path as ingestion, so edits obey the same "latest timestamp wins" rule and survive a rebuild.
 */
export class CustomerService {
  private readonly anchors = new PageAnchors();

  constructor(
    private readonly importer: ActivityService,
    private readonly clock: Clock,
  ) {}

  /**
   * A keyset page with each customer's event counts (they live on the row, so the events of a page cost nothing
   * more) and, without a filter, the account's kept total in the same statement: one round trip per page. The
   * statement is prepared per shape (order, cursor, filter kind), never per value.
   */
  async page(
    scope: AccountScope,
    options: { first?: number | null; after?: string | null; filter?: CustomerFilter | null; orderBy?: CustomerOrder | null },
  ): Promise<Page<CustomerWithEvents>> {
    const size = pageSize(options.first, 25, 1000);
    const orderName = options.orderBy ?? "ID_ASC";
    const order = ORDER_SQL[orderName];
    const params: unknown[] = [];
    const filter = this.filterSql(options.filter, params);
    const where = [`account_id = $1`, ...filter.where];
    // The filter alone counts the total: a copy taken before the cursor and the limit join the page's parameters.
    const countSql = `SELECT count(*)::text AS n FROM customer WHERE ${where.join(" AND ")}`;
    const countParams = [...params];
    const cursor = decodeCursor<string | number>(options.after);
    if (cursor) {
      const op = order.direction === "ASC" ? ">" : "<";
      if (order.column === "id") {
        params.push(cursor.id);
        where.push(`id ${op} $${params.length + 1}`);
      } else {
        params.push(cursor.key, cursor.id);
        where.push(`(last_updated, id) ${op} ($${params.length}::bigint, $${params.length + 1})`);
      }
    }
    const tie = order.column === "id" ? "" : `, id ${order.direction}`;
    const keptTotal = filter.kind === "none" ? `, (SELECT customers FROM customer_count WHERE account_id = $1)::text AS total` : "";
    params.push(size + 1);
    // A filtered total is a count of its own, sent beside the page on a second connection rather than after it.
    const [rows, filteredTotal] = await Promise.all([
      scope.prepared<CustomerRowWithEvents & { total?: string | null }>(
        `customer-page:${orderName}:${cursor ? "after" : "first"}:${filter.kind}`,
        `SELECT id, attributes, events, last_updated${keptTotal} FROM customer WHERE ${where.join(" AND ")}
          ORDER BY ${order.column} ${order.direction}${tie} LIMIT $${params.length + 1}`,
        params,
      ),
      filter.kind === "none" ? null : scope.query<{ n: string }>(countSql, countParams).then(([row]) => Number(row.n)),
    ]);
    const total = filteredTotal ?? (rows.length ? Number(rows[0].total ?? 0) : await this.count(scope));
    const edges = rows.slice(0, size).map((row) => {
      const node = toCustomerWithEvents(row);
      return { node, cursor: encodeCursor(order.column === "id" ? node.id : node.lastUpdated, node.id) };
    });
    return { edges, totalCount: total, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * Offset pages for the REST compatibility API (page numbers from 1), ordered by id, with event counts and the
   * account's kept total, in one query: the page starts from the nearest anchor (PageAnchors) and walks the rest
   * of the offset on the primary key alone (index-only); only the page's own rows are read whole. Attributes and
   * events come as the JSON text PostgreSQL writes, for the API to splice into its answer unparsed.
   */
  async offsetPage(scope: AccountScope, page: number, perPage: number): Promise<{ customers: CustomerText[]; total: number }> {
    const offset = (page - 1) * perPage;
    let start = await this.anchors.start(scope, offset);
    for (let attempt = 1; ; attempt++) {
      const rows = await scope.prepared<{ total: string; version: string; id: string | null; attributes: string; events: string; last_updated: string }>(
        "customer-offset-page",
        `SELECT n.customers::text AS total, n.version::text AS version, c.id, c.attributes::text, c.events::text, c.last_updated
           FROM customer_count n
           LEFT JOIN LATERAL (
             SELECT c.id, c.attributes, c.events, c.last_updated
               FROM customer c
               JOIN (SELECT id FROM customer WHERE account_id = $1 AND id >= $2 ORDER BY id LIMIT $3 OFFSET $4) p ON p.id = c.id
              WHERE c.account_id = $1) c ON true
          WHERE n.account_id = $1 ORDER BY c.id`,
        [start.from, perPage, start.skip],
      );
      if (rows.length === 0) return { customers: [], total: 0 }; // no customer was ever created
      const { total, version } = rows[0];
      // Ids moved since the anchors were read: once more from anchors of this version (a third try takes what it
      // has, as an offset walk racing the same writes would).
      if (start.version !== null && start.version !== version && attempt < 3) {
        start = await this.anchors.start(scope, offset, version);
        continue;
      }
      const customers = rows
        .filter((row) => row.id !== null)
        .map((row) => ({ id: row.id!, attributesJson: row.attributes, eventsJson: row.events, lastUpdated: Number(row.last_updated) }));
      return { customers, total: Number(total) };
    }
  }

  /** The account's number of customers, as the triggers keep it. */
  private async count(scope: AccountScope): Promise<number> {
    const [row] = await scope.query<{ customers: string }>(`SELECT customers::text FROM customer_count WHERE account_id = $1`);
    return row ? Number(row.customers) : 0;
  }

  /** Every customer of the account with its event counts (verification and exports). */
  async exportAll(scope: AccountScope): Promise<CustomerWithEvents[]> {
    const rows = await scope.query<CustomerRowWithEvents>(`SELECT id, attributes, last_updated, events FROM customer WHERE account_id = $1 ORDER BY id`);
    return rows.map(toCustomerWithEvents);
  }

  /** A customer with its event counts in one read (the REST API's single customer). */
  async getWithEvents(scope: AccountScope, id: string): Promise<CustomerWithEvents> {
    const [row] = await scope.query<CustomerRowWithEvents>(
      `SELECT id, attributes, last_updated, events FROM customer WHERE account_id = $1 AND id = $2`,
      [id],
    );
    if (!row) throw new NotFoundError(`customer ${id} not found`);
    return toCustomerWithEvents(row);
  }

  async get(scope: AccountScope, id: string): Promise<Customer> {
    const [row] = await this.findRows(scope, [id]);
    if (!row) throw new NotFoundError(`customer ${id} not found`);
    return toCustomer(row);
  }

  async findMany(scope: AccountScope, ids: readonly string[]): Promise<Customer[]> {
    return (await this.findRows(scope, ids)).map(toCustomer);
  }

  /** Event counts per customer, one query for any number of customers (the DataLoader's batch). */
  async eventCounts(scope: AccountScope, ids: readonly string[]): Promise<Map<string, Record<string, number>>> {
    const rows = await scope.query<{ id: string; events: Record<string, number> }>(
      `SELECT id, events FROM customer WHERE account_id = $1 AND id = ANY($2::text[])`,
      [ids],
    );
    const byCustomer = new Map<string, Record<string, number>>(ids.map((id) => [id, {}]));
    for (const r of rows) byCustomer.set(r.id, r.events);
    return byCustomer;
  }

  /** A new customer; CONFLICT when the id exists. `email` is required, `created_at` defaults to now. */
  async create(scope: AccountScope, id: string, attributes: AttributeChanges): Promise<Customer> {
    const customerId = validateCustomerId(id);
    if ((await this.findRows(scope, [customerId])).length) throw new ConflictError(`customer ${customerId} already exists`);
    await this.applyAttributes(scope, customerId, this.withCreationDefaults(attributes));
    return this.get(scope, customerId);
  }

  /** Creates or replaces a customer whole: attributes, events and history (the REST API's POST semantics). */
  async replace(scope: AccountScope, id: string, attributes: AttributeChanges): Promise<Customer> {
    const customerId = validateCustomerId(id);
    const changes = this.withCreationDefaults(attributes);
    await this.applyAttributes(scope, customerId, changes, (client) => deleteCustomerRows(client, customerId));
    return this.get(scope, customerId);
  }

  /** Merges attribute changes; null (or "" when `emptyRemoves`) removes an attribute. `id` cannot change. */
  async update(scope: AccountScope, id: string, attributes: AttributeChanges, emptyRemoves = false): Promise<Customer> {
    const current = await this.get(scope, id);
    const changes = normaliseChanges(attributes, emptyRemoves);
    if ("email" in changes && !changes.email) throw new ValidationError("attributes.email: cannot be removed", { field: "attributes.email" });
    if (Object.keys(changes).length) await this.applyAttributes(scope, current.id, changes);
    return this.get(scope, current.id);
  }

  async delete(scope: AccountScope, id: string): Promise<Customer> {
    const current = await this.get(scope, id);
    await this.deleteRows(scope, current.id);
    return current;
  }

  private async deleteRows(scope: AccountScope, id: string): Promise<void> {
    await scope.withClientTransaction((client) => deleteCustomerRows(client, id));
  }

  private withCreationDefaults(attributes: AttributeChanges): Record<string, string | null> {
    const changes = normaliseChanges(attributes, true);
    if (!changes.email) throw new ValidationError("attributes.email: a non-empty email is required", { field: "attributes.email" });
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const createdAt = Number(changes.created_at);
    if (!changes.created_at || !Number.isInteger(createdAt) || createdAt < EARLIEST_CREATED_AT || createdAt > nowSeconds + 86400) {
      changes.created_at = String(nowSeconds);
    }
    return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null)) as Record<string, string>;
  }

  private async applyAttributes(
    scope: AccountScope,
    customerId: string,
    data: Record<string, string | null>,
    prelude?: (client: ScopedClient) => Promise<void>,
  ): Promise<void> {
    const item: ActivityAttributes = {
      kind: "attributes",
      eventId: `api:${crypto.randomUUID()}`,
      userId: customerId,
      data,
      timestamp: Math.floor(this.clock.now().getTime() / 1000),
    };
    await this.importer.applyItems(scope, [item], prelude);
  }

  private findRows(scope: AccountScope, ids: readonly string[]): Promise<CustomerRow[]> {
    return scope.query<CustomerRow>(
      `SELECT id, attributes, last_updated FROM customer WHERE account_id = $1 AND id = ANY($2::text[])`,
      [ids],
    );
  }

  /** The filter's conditions (parameters numbered after the account's `$1`) and its kind, which names the statement. */
  private filterSql(filter: CustomerFilter | null | undefined, params: unknown[]): { kind: FilterKind; where: string[] } {
    if (!filter) return { kind: "none", where: [] };
    const name = filter.attribute.trim();
    if (!name) throw new ValidationError("filter.attribute: must not be empty", { field: "filter.attribute" });
    const hasEquals = filter.equals !== undefined && filter.equals !== null;
    const hasContains = filter.contains !== undefined && filter.contains !== null;
    if (hasEquals === hasContains) throw new ValidationError("filter: give exactly one of equals or contains", { field: "filter" });
    if (name === "id") {
      params.push(hasEquals ? filter.equals : `%${escapeLike(filter.contains!)}%`);
      return hasEquals ? { kind: "id-equals", where: [`id = $${params.length + 1}`] } : { kind: "id-contains", where: [`id ILIKE $${params.length + 1}`] };
    }
    if (hasEquals) {
      params.push(JSON.stringify({ [name]: filter.equals }));
      return { kind: "equals", where: [`attributes @> $${params.length + 1}::jsonb`] }; // served by the GIN index
    }
    params.push(name, `%${escapeLike(filter.contains!)}%`);
    return { kind: "contains", where: [`attributes ->> $${params.length} ILIKE $${params.length + 1}`] };
  }
}

type FilterKind = "none" | "id-equals" | "id-contains" | "equals" | "contains";

/** A customer and its history (raw events cascade to attributes and counts through the customer row). */
async function deleteCustomerRows(client: ScopedClient, id: string): Promise<void> {
  await client.query(`DELETE FROM customer_event WHERE account_id = $1 AND customer_id = $2`, [id]);
  await client.query(`DELETE FROM customer WHERE account_id = $1 AND id = $2`, [id]);
}

interface CustomerRow {
  id: string;
  attributes: Record<string, string>;
  last_updated: string | number;
}

type CustomerRowWithEvents = CustomerRow & { events: Record<string, number> };

function toCustomer(row: CustomerRow): Customer {
  return { id: row.id, attributes: row.attributes, lastUpdated: Number(row.last_updated) };
}

function toCustomerWithEvents(row: CustomerRowWithEvents): CustomerWithEvents {
  return { ...toCustomer(row), events: row.events };
}

function validateCustomerId(id: string): string {
  const trimmed = String(id ?? "").trim();
  if (!trimmed) throw new ValidationError("id: must not be empty", { field: "id" });
  if (trimmed.length > 255) throw new ValidationError("id: at most 255 characters", { field: "id" });
  return trimmed;
}

/** Attribute values become strings; null (and "" when asked) mean removal; `id` is not an attribute. */
function normaliseChanges(attributes: AttributeChanges, emptyRemoves: boolean): Record<string, string | null> {
  if (!attributes || typeof attributes !== "object" || Array.isArray(attributes)) {
    throw new ValidationError("attributes: must be an object", { field: "attributes" });
  }
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const name = key.trim();
    if (!name) throw new ValidationError("attributes: names must not be empty", { field: "attributes" });
    if (name === "id") throw new ValidationError("attributes.id: the id is not an attribute and cannot change", { field: "attributes.id" });
    if (value === null || (emptyRemoves && value === "")) out[name] = null;
    else if (["string", "number", "boolean"].includes(typeof value)) out[name] = String(value);
    else throw new ValidationError(`attributes.${name}: must be a string, number, boolean or null`, { field: `attributes.${name}` });
  }
  return out;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
