import { AccountScope } from "../../src/db/account-scope";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";

/**
 * The high-volume tables carry no foreign keys (they cost a lookup per inserted row); statement-level triggers
 * keep their cascades. Deleting a customer, a connection or a whole account (its web events and daily signals
 * included) leaves nothing of theirs behind.
 */

let t: TestConflux;

beforeAll(async () => {
  t = await startTestConflux();
}, 60_000);

afterAll(async () => {
  await t?.close();
});

/** An account with two customers (attributes and counted events) and a connection holding a sync record. */
async function populated(name: string) {
  const { accounts, activity, connections, dataSource } = t.conflux.services;
  const scope = AccountScope.of(dataSource, (await accounts.createAccount(name)).id);
  await activity.track(
    scope,
    ["a", "b"].flatMap((id) => [
      { id: `${id}-attrs`, type: "attributes", user_id: id, data: { email: `${id}@example.com`, plan: "pro" }, timestamp: 1_700_000_000 },
      { id: `${id}-view`, type: "event", name: "page", user_id: id, data: {}, timestamp: 1_700_000_001 },
    ]),
  );
  const connection = await connections.register(scope, { kind: "http-json", name: "feed", config: { url: "http://127.0.0.1:9/feed" } });
  await scope.query(
    `INSERT INTO sync_record (account_id, connection_id, external_id, content_hash) VALUES ($1, $2, 'a', 'h'), ($1, $2, 'b', 'h')`,
    [connection.id],
  );
  const today = new Date().toISOString();
  await t.conflux.services.eventIngestion.ingest(scope, [
    { type: "visit", occurredAt: today, email: `a@${name}.example` },
    { type: "visit", occurredAt: today, email: "b@gmail.com" },
  ]);
  return { scope, connectionId: connection.id };
}

/** Rows per table of the account, for one customer id or all. */
async function rowsOf(scope: AccountScope, customerId?: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, column] of [
    ["customer", "id"],
    ["customer_attribute", "customer_id"],
    ["customer_event", "customer_id"],
    ["sync_record", "external_id"],
  ]) {
    const filter = customerId ? ` AND ${column} = $2` : "";
    const [{ n }] = await scope.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE account_id = $1${filter}`, customerId ? [customerId] : []);
    counts[table] = n;
  }
  if (customerId) return counts;
  for (const table of ["web_event", "company_daily_signal", "unknown_daily_signal"]) {
    const [{ n }] = await scope.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE account_id = $1`);
    counts[table] = n;
  }
  return counts;
}

describe("cascades without foreign keys", () => {
  it("deleting a customer removes its attributes, counts and archive, and nothing of the other", async () => {
    const { scope } = await populated("cascade-customer");
    expect(await rowsOf(scope, "a")).toEqual({ customer: 1, customer_attribute: 2, customer_event: 2, sync_record: 1 });
    await t.conflux.services.customers.delete(scope, "a");
    expect(await rowsOf(scope, "a")).toMatchObject({ customer: 0, customer_attribute: 0, customer_event: 0 });
    expect(await rowsOf(scope, "b")).toEqual({ customer: 1, customer_attribute: 2, customer_event: 2, sync_record: 1 });
  });

  it("deleting a connection removes its sync records", async () => {
    const { scope, connectionId } = await populated("cascade-connection");
    await t.conflux.services.connections.delete(scope, connectionId);
    expect((await rowsOf(scope)).sync_record).toBe(0);
    expect((await rowsOf(scope)).customer).toBe(2);
  });

  it("deleting an account removes everything it held, and no other account's rows", async () => {
    const kept = await populated("cascade-kept");
    const { scope } = await populated("cascade-gone");
    await t.conflux.services.dataSource.query(`DELETE FROM account WHERE id = $1`, [scope.accountId]);
    const none = { web_event: 0, company_daily_signal: 0, unknown_daily_signal: 0 };
    expect(await rowsOf(scope)).toEqual({ customer: 0, customer_attribute: 0, customer_event: 0, sync_record: 0, ...none });
    const events = { web_event: 2, company_daily_signal: 1, unknown_daily_signal: 1 };
    expect(await rowsOf(kept.scope)).toEqual({ customer: 2, customer_attribute: 4, customer_event: 4, sync_record: 2, ...events });
    const counted = (scope: AccountScope) => scope.query<{ customers: number }>(`SELECT customers::int FROM customer_count WHERE account_id = $1`);
    expect(await counted(scope)).toEqual([]);
    expect(await counted(kept.scope)).toEqual([{ customers: 2 }]);
  });
});
