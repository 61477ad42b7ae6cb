import { Client } from "pg";
import { AccountScope } from "../../src/db/account-scope";
import { createLoaders } from "../../src/loaders";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import {
  CreateCustomerDocument,
  CustomerDocument,
  CustomersDocument,
  CustomersQuery,
  DeleteCustomerDocument,
  TrackActivityDocument,
  UpdateCustomerDocument,
} from "../generated/graphql";

let t: TestConflux;
beforeAll(async () => {
  t = await startTestConflux();
});
afterAll(() => t.close());

const attrs = (c: { attributes: { name: string; value: string }[] }) => Object.fromEntries(c.attributes.map((a) => [a.name, a.value]));
const events = (c: { events: { name: string; count: number }[] }) => Object.fromEntries(c.events.map((e) => [e.name, e.count]));

describe("trackActivity semantics", () => {
  it("keeps the latest value per attribute by timestamp, whatever the arrival order; ties go to the later item", async () => {
    const res = await t.gql(TrackActivityDocument, {
      items: [
        { id: "a1", type: "attributes", userId: "42", data: { name: "New", email: "new@x.test" }, timestamp: 200 },
        { id: "a2", type: "attributes", userId: "42", data: { name: "Old", city: "Paris" }, timestamp: 100 },
        { id: "a3", type: "attributes", userId: "42", data: { city: "Lyon" }, timestamp: 100 },
      ],
    });
    expect(res.data?.trackActivity).toMatchObject({ received: 3, applied: 3, errorCount: 0 });
    const later = await t.gql(TrackActivityDocument, {
      items: [
        { id: "a4", type: "attributes", userId: "42", data: { name: "Stale" }, timestamp: 150 },
        { id: "a5", type: "attributes", userId: "42", data: { city: "Nice" }, timestamp: 100 },
      ],
    });
    expect(later.data?.trackActivity.applied).toBe(2);
    const c = (await t.gql(CustomerDocument, { id: "42" })).data!.customer;
    expect(attrs(c)).toEqual({ name: "New", email: "new@x.test", city: "Nice" });
    expect(c.email).toBe("new@x.test");
    expect(c.lastUpdated).toBe(200);
  });

  it("counts distinct event ids once, across pushes", async () => {
    const push = (ids: string[]) =>
      t.gql(TrackActivityDocument, { items: ids.map((id) => ({ id, type: "event", name: "page", userId: "7", data: { url: "/" }, timestamp: 10 })) });
    await push(["e1", "e2", "e2"]);
    const again = await push(["e2", "e3"]);
    expect(again.data?.trackActivity).toMatchObject({ applied: 1, duplicates: 1 });
    const c = (await t.gql(CustomerDocument, { id: "7" })).data!.customer;
    expect(events(c)).toEqual({ page: 3 });
  });

  it("removes an attribute set to null and never resurrects it from an older value", async () => {
    await t.gql(TrackActivityDocument, { items: [{ id: "n1", type: "attributes", userId: "8", data: { plan: "pro", email: "e@x.test" }, timestamp: 10 }] });
    await t.gql(TrackActivityDocument, { items: [{ id: "n2", type: "attributes", userId: "8", data: { plan: null }, timestamp: 20 }] });
    await t.gql(TrackActivityDocument, { items: [{ id: "n3", type: "attributes", userId: "8", data: { plan: "free" }, timestamp: 15 }] });
    expect(attrs((await t.gql(CustomerDocument, { id: "8" })).data!.customer)).toEqual({ email: "e@x.test" });
  });

  it("reports bad items by position, applies the good ones and skips anonymous events", async () => {
    const res = await t.gql(TrackActivityDocument, {
      items: [
        { id: "b1", type: "attributes", userId: "9", data: { email: "ok@x.test" }, timestamp: 1 },
        { id: "b2", type: "shout", userId: "9", data: {}, timestamp: 1 },
        { id: "b3", type: "attributes", data: { x: "1" }, timestamp: 1 },
        { id: "b4", type: "attributes", userId: "9", data: [1, 2], timestamp: 1 },
        { id: "b5", type: "event", name: "page", data: {}, timestamp: 1 },
      ],
    });
    const r = res.data!.trackActivity;
    expect(r).toMatchObject({ received: 5, applied: 1, anonymous: 1, errorCount: 3 });
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(r.errors[0].reason).toMatch(/type/);
    expect(r.errors[1].reason).toMatch(/user_id/);
    expect(r.errors[2].reason).toMatch(/data/);
  });
});

describe("customers query", () => {
  beforeAll(async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      id: `seed-${i}`,
      type: "attributes",
      userId: `u${String(i).padStart(2, "0")}`,
      data: { email: `user${i}@${i % 3 === 0 ? "acme.test" : "other.test"}`, tier: i % 2 ? "gold" : "silver" },
      timestamp: 1000 + i,
    }));
    await t.gql(TrackActivityDocument, { items });
    // Older than the attributes, so the order by last update stays the attributes' order.
    const visits = ["u00", "u01", "u01", "u03"].map((userId, i) => ({ id: `visit-${i}`, type: "event", name: i % 2 ? "page" : "signup", userId, data: {}, timestamp: 500 }));
    await t.gql(TrackActivityDocument, { items: visits });
  });

  it("pages with keyset cursors without gaps or repeats, with a total", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 20; guard++) {
      const res: { data?: CustomersQuery | null } = await t.gql(CustomersDocument, { first: 7, after, filter: { attribute: "email", contains: ".test" } });
      const page = res.data!.customers;
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBe(seen.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(["u00", "u29"]));
  });

  it("filters by equality and substring, and orders by last update", async () => {
    const gold = await t.gql(CustomersDocument, { first: 100, filter: { attribute: "tier", equals: "gold" } });
    expect(gold.data!.customers.totalCount).toBe(15);
    const acme = await t.gql(CustomersDocument, { first: 100, filter: { attribute: "email", contains: "ACME" } });
    expect(acme.data!.customers.totalCount).toBe(10);
    const recent = await t.gql(CustomersDocument, { first: 2, orderBy: "LAST_UPDATED_DESC", filter: { attribute: "tier", contains: "" } });
    expect(recent.data!.customers.edges.map((e) => e.node.id)).toEqual(["u29", "u28"]);
    const next = await t.gql(CustomersDocument, { first: 2, orderBy: "LAST_UPDATED_DESC", filter: { attribute: "tier", contains: "" }, after: recent.data!.customers.pageInfo.endCursor });
    expect(next.data!.customers.edges.map((e) => e.node.id)).toEqual(["u27", "u26"]);
    const bad = await t.gql(CustomersDocument, { filter: { attribute: "tier" } });
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const badCursor = await t.gql(CustomersDocument, { after: "garbage!" });
    expect(badCursor.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  /** Statements sent to the database while `work` runs. */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const statements: string[] = [];
    const original = Client.prototype.query;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const sql = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text;
      if (sql) statements.push(sql);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await work();
    } finally {
      Client.prototype.query = original;
    }
    return statements;
  }

  it("loads a page of 25 with its events and total in one statement", async () => {
    let page: CustomersQuery["customers"] | undefined;
    const statements = await statementsOf(async () => {
      page = (await t.gql(CustomersDocument, { first: 25 })).data!.customers;
    });
    expect(page!.edges).toHaveLength(25);
    expect(page!.totalCount).toBeGreaterThanOrEqual(30);
    expect(page!.edges.find((e) => e.node.id === "u00")!.node.events.length).toBeGreaterThan(0);
    expect(statements.filter((s) => /\bcustomer(_count)?\b/.test(s))).toEqual([expect.stringMatching(/SELECT id, attributes, events, last_updated, \(SELECT customers FROM customer_count/)]);
  });

  it("batches the events of customers read without them into one query", async () => {
    const ids = ["u01", "u02", "u03", "u04"];
    let counts: Record<string, number>[] = [];
    const statements = await statementsOf(async () => {
      const loaders = createLoaders(AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId), t.conflux.services);
      counts = (await Promise.all(ids.map((id) => loaders.eventCountsByCustomer.load(id)))) as Record<string, number>[];
    });
    expect(statements.filter((s) => /FROM customer\b/.test(s))).toEqual([expect.stringMatching(/SELECT id, events FROM customer/)]);
    const expected = await Promise.all(ids.map(async (id) => events((await t.gql(CustomerDocument, { id })).data!.customer)));
    expect(counts).toEqual(expected);
    expect(counts.map((c) => Object.keys(c).length)).toEqual([2, 0, 1, 0]);
  });
});

describe("customer mutations", () => {
  it("creates, merges, removes attributes with null, and deletes", async () => {
    const created = await t.gql(CreateCustomerDocument, { id: "c-1", attributes: { email: "c1@x.test", name: "Ann", age: 41 } });
    const c = created.data!.createCustomer;
    expect(attrs(c)).toMatchObject({ email: "c1@x.test", name: "Ann", age: "41" });
    expect(Number(c.createdAt)).toBeGreaterThan(1_600_000_000);
    expect(c.events).toEqual([]);

    const dup = await t.gql(CreateCustomerDocument, { id: "c-1", attributes: { email: "again@x.test" } });
    expect(dup.errors?.[0].extensions?.code).toBe("CONFLICT");
    const noEmail = await t.gql(CreateCustomerDocument, { id: "c-2", attributes: { name: "Bob" } });
    expect(noEmail.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");

    const updated = await t.gql(UpdateCustomerDocument, { id: "c-1", attributes: { name: null, city: "Oslo" } });
    expect(attrs(updated.data!.updateCustomer)).toEqual({ email: "c1@x.test", age: "41", city: "Oslo", created_at: c.createdAt });
    const idChange = await t.gql(UpdateCustomerDocument, { id: "c-1", attributes: { id: "other" } });
    expect(idChange.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");

    await t.gql(DeleteCustomerDocument, { id: "c-1" });
    const gone = await t.gql(CustomerDocument, { id: "c-1" });
    expect(gone.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const missing = await t.gql(UpdateCustomerDocument, { id: "nobody", attributes: { a: "b" } });
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("keeps customers private to their account", async () => {
    const b = await t.newAccount("customers-b", "MEMBER");
    await t.gql(CreateCustomerDocument, { id: "secret-1", attributes: { email: "s@x.test" } });
    for (const [doc, vars] of [
      [CustomerDocument, { id: "secret-1" }],
      [UpdateCustomerDocument, { id: "secret-1", attributes: { email: "stolen@x.test" } }],
      [DeleteCustomerDocument, { id: "secret-1" }],
    ] as const) {
      const res = await t.gql(doc as never, vars as never, b.key);
      expect(res.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    }
    const list = await t.gql(CustomersDocument, { first: 100 }, b.key);
    expect(list.data!.customers.totalCount).toBe(0);
    // The same id in account B is a different customer.
    await t.gql(CreateCustomerDocument, { id: "secret-1", attributes: { email: "b@x.test" } }, b.key);
    expect((await t.gql(CustomerDocument, { id: "secret-1" })).data!.customer.email).toBe("s@x.test");
  });
});
