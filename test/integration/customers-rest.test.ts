import { Readable } from "node:stream";
import { AccountScope } from "../../src/db/account-scope";
import { ANCHOR_EVERY } from "../../src/services/customers/page-anchors";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";

let t: TestConflux;
beforeAll(async () => {
  t = await startTestConflux();
});
afterAll(() => t.close());

/** Responses of the REST API are JSON of the published shapes; tests read them loosely. */
type JsonResponse = Omit<Response, "json"> & { json(): Promise<any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function rest(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
  return fetch(`${t.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${t.adminKey}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("customer REST API", () => {
  it("creates with POST (201), reads with numeric ids and empty events as {}", async () => {
    const res = await rest("POST", "/customers", { customer: { id: 501, attributes: { email: "a@x.test", name: "Ann", created_at: "1560000000" } } });
    expect(res.status).toBe(201);
    const got = await (await rest("GET", "/customers/501")).json();
    expect(got).toEqual({
      customer: { id: 501, attributes: { email: "a@x.test", name: "Ann", created_at: "1560000000" }, events: {}, last_updated: expect.any(Number) },
    });
  });

  it("defaults a missing or implausible created_at to now and requires an email", async () => {
    const before = Math.floor(Date.now() / 1000);
    await rest("POST", "/customers", { customer: { id: "x-1", attributes: { email: "x@x.test", created_at: "yesterday" } } });
    const { customer } = await (await rest("GET", "/customers/x-1")).json();
    expect(customer.id).toBe("x-1");
    expect(Number(customer.attributes.created_at)).toBeGreaterThanOrEqual(before);
    const noEmail = await rest("POST", "/customers", { customer: { id: 502, attributes: { name: "No" } } });
    expect(noEmail.status).toBe(400);
    expect(await noEmail.json()).toEqual({ message: expect.stringMatching(/email/) });
    const blank = await rest("POST", "/customers", { customer: { id: 503, attributes: { email: "" } } });
    expect(blank.status).toBe(400);
  });

  it("overwrites a customer on POST with the same id", async () => {
    await rest("POST", "/customers", { customer: { id: 510, attributes: { email: "one@x.test", plan: "pro" } } });
    await rest("POST", "/customers", { customer: { id: 510, attributes: { email: "two@x.test" } } });
    const { customer } = await (await rest("GET", "/customers/510")).json();
    expect(customer.attributes.email).toBe("two@x.test");
    expect(customer.attributes.plan).toBeUndefined();
  });

  it("merges with PATCH, removing attributes sent as null or empty", async () => {
    await rest("POST", "/customers", { customer: { id: 520, attributes: { email: "p@x.test", a: "1", b: "2", c: "3" } } });
    const res = await rest("PATCH", "/customers/520", { customer: { attributes: { a: null, b: "", d: "4" } } });
    expect(res.status).toBe(200);
    const { customer } = await res.json();
    expect(customer.attributes).toMatchObject({ email: "p@x.test", c: "3", d: "4" });
    expect(customer.attributes).not.toHaveProperty("a");
    expect(customer.attributes).not.toHaveProperty("b");
  });

  it("deletes with 204 and answers unknown ids with the published 404", async () => {
    await rest("POST", "/customers", { customer: { id: 530, attributes: { email: "d@x.test" } } });
    expect((await rest("DELETE", "/customers/530")).status).toBe(204);
    for (const [method, body] of [["GET", undefined], ["PATCH", { customer: { attributes: { a: "b" } } }], ["DELETE", undefined]] as const) {
      const res = await rest(method, "/customers/530", body);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: "customer not found" });
    }
  });

  it("rejects malformed bodies with 400 and non-JSON content types with 415, changing nothing", async () => {
    await rest("POST", "/customers", { customer: { id: 540, attributes: { email: "m@x.test" } } });
    const malformed = await rest("PATCH", "/customers/540", "{not json");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toHaveProperty("message");
    const form = await rest("POST", "/customers", "id=1", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    const badAttrs = await rest("PATCH", "/customers/540", { customer: { attributes: ["x"] } });
    expect(badAttrs.status).toBe(400);
    const { customer } = await (await rest("GET", "/customers/540")).json();
    expect(customer.attributes.email).toBe("m@x.test");
  });

  it("pages with page/per_page and meta", async () => {
    const res = await rest("GET", "/customers?page=1&per_page=2");
    const body = await res.json();
    expect(body.customers).toHaveLength(2);
    expect(body.meta).toEqual({ page: 1, per_page: 2, total: expect.any(Number) });
    const all = await (await rest("GET", `/customers?page=1&per_page=${body.meta.total}`)).json();
    const pages: unknown[] = [];
    for (let page = 1; ; page++) {
      const p = await (await rest("GET", `/customers?page=${page}&per_page=2`)).json();
      if (p.customers.length === 0) break;
      pages.push(...p.customers);
    }
    expect(pages).toEqual(all.customers);
    expect((await rest("GET", "/customers?page=0")).status).toBe(400);
  });

  it("pages past the page anchors as an offset walk would, and keeps its total through creates and deletes", async () => {
    const account = await t.newAccount("rest-anchors", "MEMBER");
    const scope = AccountScope.of(t.conflux.services.dataSource, account.accountId);
    const read = (path: string) => rest("GET", path, undefined, { authorization: `Bearer ${account.key}` }).then((r) => r.json());
    const lines = Array.from({ length: 3 * ANCHOR_EVERY + 41 }, (_, i) =>
      JSON.stringify({ id: `a${i}`, type: "attributes", user_id: String(1000 + i * 3), data: { email: `${i}@x.test` }, timestamp: 1_600_000_000 }),
    );
    const imported = await t.conflux.services.activity.importStream(scope, "anchors", Readable.from([lines.join("\n")]));
    expect(imported.status).toBe("SUCCEEDED");
    /** Every page of `perPage` in turn, and the ids in id order as the database sorts them. */
    const check = async (perPage: number) => {
      const expected = (await t.conflux.services.customers.exportAll(scope)).map((c) => c.id);
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const body = await read(`/customers?page=${page}&per_page=${perPage}`);
        expect(body.meta.total).toBe(expected.length);
        if (body.customers.length === 0) break;
        seen.push(...body.customers.map((c: { id: number }) => String(c.id)));
      }
      expect(seen).toEqual(expected);
      return expected;
    };
    expect(await check(7)).toHaveLength(lines.length);
    await check(ANCHOR_EVERY);
    // Ids that sort between the anchors and deletions before them move every later page.
    for (const id of ["1000", "1003", "1300"]) expect((await rest("DELETE", `/customers/${id}`, undefined, { authorization: `Bearer ${account.key}` })).status).toBe(204);
    for (const id of ["1001", "2501"]) {
      const created = await rest("POST", "/customers", { customer: { id, attributes: { email: `${id}@x.test` } } }, { authorization: `Bearer ${account.key}` });
      expect(created.status).toBe(201);
    }
    expect(await check(7)).toHaveLength(lines.length - 1);
    await check(100);
    expect((await read(`/customers?page=1000&per_page=100`)).customers).toEqual([]);
  });

  it("needs a key unless the loopback switch is on, and never crosses accounts", async () => {
    const anonymous = await fetch(`${t.baseUrl}/customers`);
    expect(anonymous.status).toBe(401);
    const other = await t.newAccount("rest-other", "MEMBER");
    const res = await fetch(`${t.baseUrl}/customers/501`, { headers: { authorization: `Bearer ${other.key}` } });
    expect(res.status).toBe(404);
    const list = await (await rest("GET", "/customers", undefined, { authorization: `Bearer ${other.key}` })).json();
    expect(list.meta.total).toBe(0);
  });
});

describe("loopback default account (opt-in)", () => {
  let open: TestConflux;
  beforeAll(async () => {
    open = await startTestConflux({ env: { CONFLUX_LOOPBACK_DEFAULT_ACCOUNT: "on" } });
  });
  afterAll(() => open.close());

  it("maps key-less loopback calls to the default account", async () => {
    const created = await fetch(`${open.baseUrl}/customers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer: { id: 1, attributes: { email: "l@x.test" } } }),
    });
    expect(created.status).toBe(201);
    const list = (await (await fetch(`${open.baseUrl}/customers?page=1&per_page=10`)).json()) as { customers: { id: number }[] };
    expect(list.customers.map((c) => c.id)).toEqual([1]);
  });
});
