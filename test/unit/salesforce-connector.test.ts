import { HttpClient } from "../../src/connectors/http-client";
import type { SourcePage, SourceRecord } from "../../src/connectors/contract";
import { deletedSince, salesforcePlugin } from "../../src/connectors/salesforce";
import { FakeSalesforce, startFakeSalesforce } from "../fakes/salesforce";

const SECRET = { clientId: "cid", clientSecret: "csecret", username: "sync@acme.test", password: "pw", securityToken: "TOKEN123" };
const INDUSTRIES = ["Banking", "Energy", "Retail", null];

describe("salesforcePlugin against FakeSalesforce", () => {
  let fake: FakeSalesforce;
  let clock: Date;
  const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

  beforeEach(async () => {
    clock = new Date("2026-11-23T10:00:00.000Z");
    fake = await startFakeSalesforce({ ...SECRET, now: () => clock });
  });
  afterEach(() => fake.stop());

  /** A run's context: the engine makes a new HttpClient, hence a new token, per run. */
  const ctx = (config: Record<string, unknown> = {}) => ({
    config: salesforcePlugin.configSchema.parse({ loginUrl: fake.loginUrl, ...config }),
    secret: salesforcePlugin.secretSchema.parse(SECRET),
    http: new HttpClient({ backoffMs: 1 }),
  });

  async function read(c: ReturnType<typeof ctx>, cursor: Record<string, unknown> | null, between?: (page: SourcePage, index: number) => void) {
    const pages: SourcePage[] = [];
    for await (const page of salesforcePlugin.read!(c, cursor)) {
      between?.(page, pages.length);
      pages.push(page);
    }
    return { pages, records: pages.flatMap((p) => p.records), cursor: pages.at(-1)?.cursor ?? cursor };
  }

  /** Accounts then contacts, two records per millisecond so that pages end inside a shared SystemModstamp. */
  function populate(accounts: number, contacts: number) {
    const accountIds: string[] = [];
    const contactIds: string[] = [];
    for (let i = 0; i < accounts; i++, i % 2 || tick(1)) {
      accountIds.push(
        fake.addAccount({
          Name: `Company ${i}`,
          Website: `company${i}.test`,
          Industry: INDUSTRIES[i % 4],
          NumberOfEmployees: i % 5 ? i * 10 : null,
          BillingCountry: "France",
          BillingState: i % 3 ? "IDF" : null,
        }),
      );
    }
    for (let i = 0; i < contacts; i++, i % 2 || tick(1)) {
      contactIds.push(fake.addContact({ Email: `p${i}@company.test`, FirstName: `First${i}`, LastName: `Last${i}`, AccountId: accountIds[i % accounts] ?? null }));
    }
    tick(60 * 60_000); // reads start well after these changes
    return { accountIds, contactIds };
  }

  const sfIso = (v: unknown) => new Date(Date.parse(String(v))).toISOString();
  /** What a record should carry, from the fake's current state. */
  function expected(): Map<string, SourceRecord> {
    const out = new Map<string, SourceRecord>();
    for (const r of fake.rows("Account").filter((r) => !r.IsDeleted)) {
      const data = {
        type: "Account",
        name: r.Name,
        website: r.Website,
        industry: r.Industry,
        employees: r.NumberOfEmployees,
        country: r.BillingCountry,
        region: r.BillingState,
      };
      out.set(r.Id as string, { id: r.Id as string, data, changedAt: sfIso(r.SystemModstamp), facet: "Account", kind: "company" });
    }
    for (const r of fake.rows("Contact").filter((r) => !r.IsDeleted)) {
      const data = { type: "Contact", email: r.Email, first_name: r.FirstName, last_name: r.LastName, account_id: r.AccountId };
      out.set(r.Id as string, { id: r.Id as string, data, changedAt: sfIso(r.SystemModstamp), facet: "Contact", kind: "customer" });
    }
    return out;
  }

  /** The last version each id was read in. */
  const latest = (records: SourceRecord[]) => new Map(records.map((r) => [r.id, r]));

  it("reads 5,000 accounts and 3,000 contacts in batches of 2,000, each once, with their data", async () => {
    populate(5000, 3000);
    const { pages, records, cursor } = await read(ctx(), null);
    expect(pages.map((p) => [p.records.length, p.records[0].facet])).toEqual([
      [2000, "Account"],
      [2000, "Account"],
      [1000, "Account"],
      [2000, "Contact"],
      [1000, "Contact"],
    ]);
    expect(records).toHaveLength(8000);
    expect(latest(records)).toEqual(expected());
    expect([fake.tokenRequests, fake.queries, fake.queryMores]).toEqual([1, 2, 3]);
    const bookmarks = (cursor as { bookmarks: Record<string, string> }).bookmarks;
    expect(bookmarks.Account).toBe(bookmarks.Contact);
    expect(Date.parse(bookmarks.Account)).toBeGreaterThan(Date.parse(records.at(-1)!.changedAt!));
    expect(Date.parse(bookmarks.Account)).toBeLessThan(clock.getTime() + 60_000);
    expect(cursor).not.toHaveProperty("paused");
  });

  it("reads only what changed since the cursor, missing none", async () => {
    fake.pageSize = 100;
    const { accountIds, contactIds } = populate(300, 200);
    const first = await read(ctx(), null);
    expect(first.records).toHaveLength(500);
    tick(60_000);
    const changed = new Set<string>();
    for (const id of accountIds.filter((_, i) => i % 7 === 0)) {
      fake.updateAccount(id, { Name: `${id} renamed` });
      changed.add(id);
    }
    for (const id of contactIds.filter((_, i) => i % 20 === 0)) {
      fake.updateContact(id, { Email: `${id}@moved.test` });
      changed.add(id);
    }
    for (let i = 0; i < 3; i++) changed.add(fake.addAccount({ Name: `New ${i}` }));
    tick(60_000);
    const second = await read(ctx(), first.cursor);
    const got = latest(second.records);
    const want = expected();
    for (const id of changed) expect(got.get(id)).toEqual(want.get(id));
    // Each record read again is a changed one (the bookmark sits at the first run's start, not in the data).
    expect([...got.keys()].filter((id) => !changed.has(id))).toEqual([]);
    const third = await read(ctx(), second.cursor);
    expect(third.records).toEqual([]);
  });

  it("leaves records changed during a read to the next read, which picks them up", async () => {
    fake.pageSize = 100;
    const { accountIds } = populate(300, 0);
    const c = ctx({ objects: ["Account"] });
    let added = "";
    const first = await read(c, null, (_page, index) => {
      if (index !== 0) return;
      tick(60_000);
      fake.updateAccount(accountIds[10], { Name: "changed early" }); // in the batch just read
      fake.updateAccount(accountIds[250], { Name: "changed late" }); // in a batch not read yet
      added = fake.addAccount({ Name: "added meanwhile" });
    });
    // The query's snapshot: the old name of a record changed after the query ran, and not the record added since.
    expect(latest(first.records).get(accountIds[250])?.data.name).toBe("Company 250");
    expect(first.records.map((r) => r.id)).not.toContain(added);
    tick(60_000);
    const second = await read(ctx({ objects: ["Account"] }), first.cursor);
    expect(second.records.map((r) => [r.id, r.data.name])).toEqual([
      [accountIds[10], "changed early"],
      [accountIds[250], "changed late"],
      [added, "added meanwhile"],
    ]);
  });

  it("drops deleted records from listIds, reports them by deletedSince and never yields them", async () => {
    fake.pageSize = 100;
    const { accountIds, contactIds } = populate(150, 120);
    const first = await read(ctx(), null);
    const deletedAt = clock.getTime();
    const gone = [accountIds[0], accountIds[99], accountIds[149], contactIds[5], contactIds[119]];
    for (const id of gone) {
      if (id.startsWith("001")) fake.deleteAccount(id);
      else fake.deleteContact(id);
    }
    tick(2 * 60_000); // getDeleted covers whole minutes up to now

    const c = ctx();
    const listed: string[] = [];
    for await (const ids of salesforcePlugin.listIds!(c)) listed.push(...ids);
    expect(listed.sort()).toEqual([...accountIds, ...contactIds].filter((id) => !gone.includes(id)).sort());
    const since = new Date(deletedAt - 60 * 60_000);
    const accounts = await deletedSince(c, "Account", since, clock);
    expect(accounts).toEqual(gone.slice(0, 3).map((id) => ({ id, deletedDate: new Date(deletedAt).toISOString() })));
    expect((await deletedSince(c, "Contact", since, clock)).map((r) => r.id)).toEqual(gone.slice(3));
    expect(fake.tokenRequests).toBe(2); // one per run's client

    const second = await read(ctx(), first.cursor);
    expect(second.records).toEqual([]);
    expect(await salesforcePlugin.count!(ctx(), true)).toEqual({ total: 265, byFacet: { Account: 147, Contact: 118 } });
  });

  it("stops at the API usage threshold and finishes on the next read from the saved cursor", async () => {
    const { accountIds } = populate(5000, 3000);
    fake.apiLimit = 2; // the second batch brings usage to 100% ≥ 90%
    const first = await read(ctx(), null);
    expect(first.pages.map((p) => p.records.length)).toEqual([2000, 2000]);
    expect(first.cursor).toMatchObject({ paused: "API usage 2/2 reached 90% of the daily allowance" });
    expect(first.cursor).not.toHaveProperty("bookmarks.Contact");

    // The next day: the quota is back; meanwhile one record already read and one not yet read changed.
    fake.apiUsed = 0;
    fake.apiLimit = 15_000;
    tick(60_000);
    fake.updateAccount(accountIds[10], { Industry: "Changed" });
    fake.updateAccount(accountIds[4500], { Industry: "Changed" });
    tick(60_000);
    const second = await read(ctx(), first.cursor);
    expect(second.cursor).not.toHaveProperty("paused");
    const all = latest([...first.records, ...second.records]);
    expect(all).toEqual(expected());
    // The resumed read starts at the last SystemModstamp read: only the records sharing it are read twice.
    const again = second.records.filter((r) => first.records.some((f) => f.id === r.id) && r.id !== accountIds[10]);
    expect(again.length).toBeLessThanOrEqual(2);
  });

  it("surfaces REQUEST_LIMIT_EXCEEDED as a readable error", async () => {
    populate(10, 0);
    fake.apiUsed = fake.apiLimit;
    await expect(read(ctx(), null)).rejects.toThrow(/daily API request limit is used up.*resumes where this one stopped/);
    await expect(salesforcePlugin.count!(ctx(), false)).rejects.toMatchObject({ name: "SalesforceError", errorCode: "REQUEST_LIMIT_EXCEEDED", status: 403 });
  });

  it("gets a new token once when the session expires mid-read, and reuses it within a run", async () => {
    fake.pageSize = 100;
    populate(300, 0);
    const c = ctx({ objects: ["Account"] });
    const { records } = await read(c, null, (_page, index) => index === 0 && fake.expireTokens());
    expect(new Set(records.map((r) => r.id)).size).toBe(300);
    expect(fake.tokenRequests).toBe(2);
    await salesforcePlugin.count!(c, true);
    for await (const _ of salesforcePlugin.listIds!(c));
    expect(fake.tokenRequests).toBe(2);
  });

  it("counts records per object", async () => {
    populate(40, 25);
    expect(await salesforcePlugin.count!(ctx(), false)).toEqual({ total: 65, byFacet: { Account: 40, Contact: 25 } });
    expect(await salesforcePlugin.count!(ctx({ objects: ["Contact"] }), false)).toEqual({ total: 25, byFacet: { Contact: 25 } });
  });

  it("tests the connection with the daily allowance left, and reports bad credentials", async () => {
    const result = await salesforcePlugin.test(ctx());
    expect(result).toEqual({ ok: true, message: "signed in to Salesforce as sync@acme.test: 14999 of 15000 daily API requests left" });
    const wrong = { ...ctx(), secret: { ...SECRET, password: "wrong" } };
    const failure = salesforcePlugin.test(wrong);
    await expect(failure).rejects.toThrow("Salesforce login as sync@acme.test failed: invalid_grant: authentication failure");
    await expect(failure).rejects.not.toThrow(/wrongTOKEN/);
  });
});
