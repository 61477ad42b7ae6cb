import { createClient } from "graphql-ws";
import { print } from "graphql";
import WebSocket from "ws";
import { eventually, startTestConflux, TestConflux } from "../helpers/test-conflux";
import { startFakeSalesforce, FakeSalesforce } from "../fakes/salesforce";
import { AccountScope } from "../../src/db/account-scope";
import {
  AnalyticsDocument,
  CompaniesDocument,
  CompanyDocument,
  CompanyScoreChangedDocument,
  CompanyScoreChangedSubscription,
  ImportCompaniesDocument,
  IngestWebEventsDocument,
  MarkNoiseDocument,
  MergeCompaniesDocument,
  NoiseProposalsDocument,
  NoiseRulesDocument,
  RegisterConnectionDocument,
  SetScoreRuleDocument,
  TriggerSyncDocument,
  UndoNoiseRuleDocument,
} from "../generated/graphql";

let t: TestConflux;
let salesforce: FakeSalesforce;

const DAY = 86_400_000;
const now = Date.now();
const daysAgo = (n: number) => new Date(now - n * DAY).toISOString();

async function ingest(events: Record<string, unknown>[], key = t.adminKey) {
  const res = await t.gql(IngestWebEventsDocument, { events: events as never }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.ingestWebEvents;
}

async function companies(filter: Record<string, unknown> = {}, key = t.adminKey, first = 50, after?: string) {
  const res = await t.gql(CompaniesDocument, { filter, first, after }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.companies;
}

async function companyByDomain(domain: string, key = t.adminKey) {
  const page = await companies({ search: domain }, key);
  return page.edges.map((e) => e.node).find((c) => c.domains.includes(domain));
}

async function company(id: string, key = t.adminKey) {
  return t.gql(CompanyDocument, { id, from: daysAgo(100), to: new Date(now + DAY).toISOString() }, key);
}

async function postNdjson(lines: string[], key = t.adminKey) {
  const res = await fetch(`${t.baseUrl}/events`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${key}` },
    body: lines.join("\n"),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number; duplicates: number; identified: number; dropped: number; unknown: number; invalid: { index: number; message: string }[] };
}

beforeAll(async () => {
  salesforce = await startFakeSalesforce();
  t = await startTestConflux({ workers: true, syncHttp: { backoffMs: 5 } });
});

afterAll(async () => {
  await t?.close();
  await salesforce?.stop();
});

describe("companies from CRM and website activity", () => {
  it("makes one company of a CRM account and the company identified on the website by the same domain", async () => {
    // Website activity first: an unknown corporate domain creates a company.
    const seen = await ingest([{ type: "visit", occurredAt: daysAgo(1), email: "ada@mail.globex-corp.com", id: "g1" }]);
    expect(seen).toMatchObject({ accepted: 1, identified: 1 });
    const fromWeb = await companyByDomain("globex-corp.com");
    expect(fromWeb).toMatchObject({ name: "Globex-Corp", crm: [] });

    // Then the CRM, through a Salesforce sync.
    const accountId = salesforce.addAccount({ Name: "Globex Corporation", Website: "https://www.globex-corp.com/about", Industry: "Manufacturing", NumberOfEmployees: 1200, BillingCountry: "US", BillingState: "CA" });
    salesforce.addContact({ Email: "hank@globex-corp.com", FirstName: "Hank", LastName: "Scorpio", AccountId: accountId });
    salesforce.addAccount({ Name: "Initech", Website: "initech.example" });
    const registered = await t.gql(RegisterConnectionDocument, {
      kind: "salesforce",
      name: "salesforce",
      // No margin for late-visible commits: the records were made a moment ago.
      config: { loginUrl: salesforce.loginUrl, visibilityMarginSeconds: 0 },
      secret: { clientId: "3MVG9fakeConsumerKey", clientSecret: "fakeConsumerSecret", username: "sync@example.com", password: "s3cret" },
    });
    expect(registered.errors).toBeUndefined();
    const connectionId = registered.data!.registerConnection.id;
    const run = (await t.gql(TriggerSyncDocument, { id: connectionId })).data!.triggerSync;
    const scope = AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId);
    const done = await eventually(async () => {
      const r = (await t.conflux.services.connections.runs(scope, connectionId)).find((x) => x.id === run.id);
      return r && ["SUCCEEDED", "FAILED"].includes(r.status) && r;
    }, 30_000);
    expect(done).toMatchObject({ status: "SUCCEEDED", fetched: 3 });

    const merged = (await companies({ search: "globex" })).edges.map((e) => e.node);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ id: fromWeb!.id, domains: ["globex-corp.com"], industry: "Manufacturing", employees: 1200, country: "US", region: "CA" });
    expect(merged[0].provenance.industry.source).toBe("crm:salesforce");
    expect(merged[0].crm).toEqual([{ connectionId, crmId: accountId, fields: expect.objectContaining({ name: "Globex Corporation", type: "Account" }) }]);
    // The CRM contact became a customer linked to the company.
    const hank = await t.conflux.services.customers.get(scope, salesforce.rows("Contact")[0].Id as string);
    expect(hank.attributes).toMatchObject({ email: "hank@globex-corp.com", company_id: fromWeb!.id });
    // And activity of the CRM-only company identifies to it.
    expect(await ingest([{ type: "chat", occurredAt: daysAgo(1), email: "bill@initech.example" }])).toMatchObject({ identified: 1 });
    expect((await companyByDomain("initech.example"))!.crm).toHaveLength(1);
  });

  it("stops a Salesforce read at the API quota without deleting anything, resumes it, and drops deleted CRM accounts", async () => {
    const org = await startFakeSalesforce({ pageSize: 50 });
    try {
      const { key, accountId } = await t.newAccount("quota");
      const scope = AccountScope.of(t.conflux.services.dataSource, accountId);
      const ids = Array.from({ length: 200 }, (_, i) => org.addAccount({ Name: `Quota ${i}`, Website: `quota${i}.example` }));
      const registered = await t.gql(RegisterConnectionDocument, {
        kind: "salesforce",
        name: "crm",
        config: { loginUrl: org.loginUrl, visibilityMarginSeconds: 0, objects: ["Account"] },
        secret: { clientId: "3MVG9fakeConsumerKey", clientSecret: "fakeConsumerSecret", username: "sync@example.com", password: "s3cret" },
      }, key);
      const connectionId = registered.data!.registerConnection.id;
      const sync = async () => {
        const run = (await t.gql(TriggerSyncDocument, { id: connectionId }, key)).data!.triggerSync;
        return eventually(async () => {
          const r = (await t.conflux.services.connections.runs(scope, connectionId)).find((x) => x.id === run.id);
          return r && ["SUCCEEDED", "FAILED"].includes(r.status) && r;
        }, 30_000);
      };
      // Two pages in, usage reaches 90% of the allowance: the run ends early, says why, and deletes nothing.
      org.apiUsed = 0;
      org.apiLimit = 3;
      const first = await sync();
      expect(first).toMatchObject({ status: "SUCCEEDED", error: expect.stringMatching(/API quota/) });
      expect(first.fetched).toBeLessThan(200);
      expect((await companies({}, key)).totalCount).toBe(first.fetched);
      // A new day's allowance: the next run resumes and finishes.
      org.apiUsed = 0;
      org.apiLimit = 15000;
      expect(await sync()).toMatchObject({ status: "SUCCEEDED", error: null });
      expect((await companies({}, key, 500)).edges.filter((e) => (e.node.crm as unknown[]).length)).toHaveLength(200);
      // An account deleted in Salesforce leaves the account's CRM records; the company stays (others may know it).
      org.deleteAccount(ids[0]);
      await t.conflux.services.dataSource.query(`UPDATE connection SET reconcile_requested = true WHERE id = $1`, [connectionId]);
      expect(await sync()).toMatchObject({ status: "SUCCEEDED", deleted: 1 });
      const gone = await companyByDomain("quota0.example", key);
      expect(gone!.crm).toEqual([]);
    } finally {
      await org.stop();
    }
  });

  it("resolves an IP inside two nested ranges to the narrower, and the rest to the wider", async () => {
    const res = await t.gql(ImportCompaniesDocument, {
      companies: [
        { name: "Big Holding", domains: ["bigholding.example"], ipRanges: ["10.0.0.0/8"], industry: "Finance", country: "DE" },
        { name: "Small Subsidiary", domains: ["smallsub.example"], ipRanges: ["10.1.0.0/16", "2001:db8::/32"], industry: "Retail", country: "DE" },
      ],
    });
    expect(res.data!.importCompanies).toBe(2);
    const out = await ingest([
      { type: "visit", occurredAt: daysAgo(2), ip: "10.1.2.3" },
      { type: "visit", occurredAt: daysAgo(2), ip: "::ffff:10.200.0.1" },
      { type: "click", occurredAt: daysAgo(2), ip: "2001:db8:1::5" },
      { type: "visit", occurredAt: daysAgo(2), ip: "192.0.2.1" },
    ]);
    expect(out).toMatchObject({ accepted: 4, identified: 3, unknown: 1 });
    const small = await companyByDomain("smallsub.example");
    const big = await companyByDomain("bigholding.example");
    const signalsOf = async (id: string) => (await company(id)).data!.company.signals;
    expect((await signalsOf(small!.id)).map((s) => [s.visits, s.clicks])).toEqual([[1, 1]]);
    expect((await signalsOf(big!.id)).map((s) => [s.visits, s.clicks])).toEqual([[1, 0]]);
    expect(small!.ipRanges).toEqual(["10.1.0.0/16", "2001:db8::/32"]);
  });

  it("never creates a company for free-mail addresses and counts them as unknown", async () => {
    const before = (await companies()).totalCount;
    const out = await ingest([
      { type: "form_submission", occurredAt: daysAgo(0), email: "someone@gmail.com" },
      { type: "visit", occurredAt: daysAgo(0), email: "other@yahoo.co.uk" },
      { type: "visit", occurredAt: daysAgo(0), email: "third@outlook.com" },
    ]);
    expect(out).toMatchObject({ accepted: 3, identified: 0, unknown: 3 });
    expect((await companies()).totalCount).toBe(before);
    const rows = await t.conflux.services.dataSource.query(`SELECT count(*)::int AS n FROM company_domain WHERE domain IN ('gmail.com', 'yahoo.co.uk', 'outlook.com')`);
    expect(rows[0].n).toBe(0);
    const today = new Date(now).toISOString().slice(0, 10);
    const analytics = await t.gql(AnalyticsDocument, { from: daysAgo(10), to: new Date(now + DAY).toISOString() });
    expect(analytics.data!.analytics.find((b) => b.start === today)!.unknownEvents).toBeGreaterThanOrEqual(3);
  });

  it("sums signals sent concurrently by 8 clients exactly", async () => {
    const { key } = await t.newAccount("concurrent");
    const domains = Array.from({ length: 20 }, (_, i) => `concurrent${i}.example`);
    const types = ["visit", "click", "contact", "form_submission", "chat", "webinar"];
    const client = (c: number) =>
      Array.from({ length: 600 }, (_, i) =>
        JSON.stringify({ type: types[i % types.length], occurredAt: daysAgo(i % 3), email: `p${c}-${i}@${domains[(i * 7 + c) % domains.length]}` }),
      );
    const results = await Promise.all(Array.from({ length: 8 }, (_, c) => postNdjson(client(c), key)));
    expect(results.every((r) => r.accepted === 600 && r.identified === 600)).toBe(true);
    // What was sent, per company and day.
    const expected = new Map<string, number>();
    for (let c = 0; c < 8; c++) {
      for (let i = 0; i < 600; i++) {
        const k = `${domains[(i * 7 + c) % domains.length]}|${types[i % types.length]}`;
        expected.set(k, (expected.get(k) ?? 0) + 1);
      }
    }
    const page = await companies({}, key, 100);
    expect(page.totalCount).toBe(20);
    for (const node of page.edges.map((e) => e.node)) {
      const signals = (await company(node.id, key)).data!.company.signals;
      const sum = (f: (s: (typeof signals)[number]) => number) => signals.reduce((n, s) => n + f(s), 0);
      const d = node.domains[0];
      expect(sum((s) => s.visits)).toBe(expected.get(`${d}|visit`) ?? 0);
      expect(sum((s) => s.clicks)).toBe(expected.get(`${d}|click`) ?? 0);
      expect(sum((s) => s.contacts)).toBe(expected.get(`${d}|contact`) ?? 0);
      expect(sum((s) => s.formSubmissions)).toBe(expected.get(`${d}|form_submission`) ?? 0);
      expect(sum((s) => s.chats)).toBe(expected.get(`${d}|chat`) ?? 0);
      expect(sum((s) => (s.extra as Record<string, number>).webinar ?? 0)).toBe(expected.get(`${d}|webinar`) ?? 0);
    }
    // Sent again with ids: counted once however often.
    const withIds = client(0).slice(0, 10).map((l, i) => JSON.stringify({ ...JSON.parse(l), id: `e${i}` }));
    expect(await postNdjson(withIds, key)).toMatchObject({ accepted: 10 });
    expect(await postNdjson([...withIds, "not json", JSON.stringify({ type: "visit" })], key)).toMatchObject({
      accepted: 0,
      duplicates: 10,
      invalid: [
        { index: 11, message: "not valid JSON" },
        { index: 12, message: expect.stringMatching(/occurredAt/) },
      ],
    });
  });

  it("ranks by score, and a boost rule changes the order as expected", async () => {
    const { key } = await t.newAccount("ranking");
    await t.gql(ImportCompaniesDocument, {
      companies: [
        { name: "Alpha", domains: ["alpha.example"], industry: "Software", country: "FR" },
        { name: "Beta", domains: ["beta.example"], industry: "Biotech", country: "FR" },
        { name: "Gamma", domains: ["gamma.example"], industry: "Software", country: "IT" },
      ],
    }, key);
    const events = (domain: string, n: number, type = "visit") => Array.from({ length: n }, (_, i) => ({ type, occurredAt: daysAgo(i % 5), email: `u${i}@${domain}` }));
    await ingest([...events("alpha.example", 30), ...events("beta.example", 20), ...events("gamma.example", 10)], key);
    const order = async (filter: Record<string, unknown> = {}) => (await companies(filter, key)).edges.map((e) => e.node.name);
    expect(await order()).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(await order({ industry: "software" })).toEqual(["Alpha", "Gamma"]);
    expect(await order({ country: "FR", minScore: 0.0001 })).toEqual(["Alpha", "Beta"]);

    const rule = await t.gql(SetScoreRuleDocument, { field: "industry", value: "Biotech", boostBy: 1 }, key);
    expect(rule.errors).toBeUndefined();
    expect(await order()).toEqual(["Beta", "Alpha", "Gamma"]);
    expect((await t.gql(SetScoreRuleDocument, { field: "domain", value: "alpha.example", boostBy: -1 }, key)).errors).toBeUndefined();
    expect(await order()).toEqual(["Beta", "Gamma", "Alpha"]);

    const beta = (await companies({ search: "beta" }, key)).edges[0].node;
    const detail = (await company(beta.id, key)).data!.company.score;
    expect(detail.rules.map((r) => [r.rule.field, r.boost])).toEqual([["industry", 1]]);
    const visits = detail.breakdown.find((b) => b.signal === "visits")!.contribution;
    expect(visits).toBeGreaterThan(0);
    expect(detail.value).toBeCloseTo(visits * 2, 6);
    expect(beta.score.value).toBeCloseTo(detail.value, 6);
    const bad = await t.gql(SetScoreRuleDocument, { field: "favourite_colour", value: "x", boostBy: 1 }, key);
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("drops a noise domain's new events, counts its hits, and counts them again once undone and reprocessed", async () => {
    const { key } = await t.newAccount("noise");
    const batch = (tag: string, n: number) => Array.from({ length: n }, (_, i) => ({ type: "visit", occurredAt: daysAgo(0), email: `${tag}${i}@crawler-farm.example` }));
    await ingest(batch("a", 5), key);
    const target = await companyByDomain("crawler-farm.example", key);
    const visits = async () => (await company(target!.id, key)).data!.company.signals.reduce((n, s) => n + s.visits, 0);
    expect(await visits()).toBe(5);

    const rule = (await t.gql(MarkNoiseDocument, { domain: "https://www.crawler-farm.example", reason: "bot traffic" }, key)).data!.markNoise;
    expect(rule.domain).toBe("crawler-farm.example");
    expect(await ingest(batch("b", 7), key)).toMatchObject({ accepted: 7, dropped: 7, identified: 0 });
    expect(await visits()).toBe(5);
    expect((await t.gql(NoiseRulesDocument, {}, key)).data!.noiseRules[0]).toMatchObject({ id: rule.id, hits: 7 });

    const undone = await t.gql(UndoNoiseRuleDocument, { id: rule.id, reprocess: true }, key);
    expect(undone.data!.undoNoiseRule.undoneAt).toBeTruthy();
    expect(await visits()).toBe(12);
    expect(await ingest(batch("c", 1), key)).toMatchObject({ identified: 1, dropped: 0 });
    expect(await visits()).toBe(13);
    // Reprocessing again changes nothing: it rebuilds, it does not add.
    await t.conflux.services.eventIngestion.reprocess(AccountScope.of(t.conflux.services.dataSource, (await t.conflux.services.accounts.findAccountByName("noise")).id), new Date(now - 3 * DAY));
    expect(await visits()).toBe(13);

    // A company rule hides the company from lists.
    await t.gql(MarkNoiseDocument, { companyId: target!.id, reason: "not a customer" }, key);
    expect((await companies({}, key)).edges.map((e) => e.node.id)).not.toContain(target!.id);
    expect(await ingest(batch("d", 2), key)).toMatchObject({ dropped: 2 });
  });

  it("proposes noise from what every account sees", async () => {
    const a = await t.newAccount("proposals-a");
    const b = await t.newAccount("proposals-b");
    const idle = Array.from({ length: 300 }, (_, i) => ({ type: "visit", occurredAt: daysAgo(i % 10), email: `x${i}@idle-visitor.example` }));
    await ingest(idle, a.key);
    await ingest(idle.map((e, i) => ({ ...e, email: `y${i}@idle-visitor.example` })), b.key);
    const proposals = (await t.gql(NoiseProposalsDocument, {}, a.key)).data!.noiseProposals;
    expect(proposals).toContainEqual({ domain: "idle-visitor.example", companyId: null, reason: "600 visits in 30 days across 2 accounts, no engagement" });
  });

  it("merges two companies for every account, and the merged id keeps resolving", async () => {
    const { key } = await t.newAccount("merging");
    await ingest([
      { type: "visit", occurredAt: daysAgo(1), email: "a@umbrella.example" },
      { type: "visit", occurredAt: daysAgo(1), email: "b@umbrella-corp.example" },
      { type: "chat", occurredAt: daysAgo(2), email: "c@umbrella-corp.example" },
    ], key);
    const keep = await companyByDomain("umbrella.example", key);
    const gone = await companyByDomain("umbrella-corp.example", key);
    const merged = await t.gql(MergeCompaniesDocument, { keep: keep!.id, merge: gone!.id }, key);
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeCompanies).toMatchObject({ id: keep!.id, domains: ["umbrella-corp.example", "umbrella.example"].sort(), aliases: ["Umbrella-Corp"] });
    const viaOld = await company(gone!.id, key);
    expect(viaOld.data!.company.id).toBe(keep!.id);
    expect(viaOld.data!.company.signals.reduce((n, s) => n + s.visits + s.chats, 0)).toBe(3);
    expect((await companies({}, key)).totalCount).toBe(1);
    expect(await ingest([{ type: "visit", occurredAt: daysAgo(0), email: "d@umbrella-corp.example" }], key)).toMatchObject({ identified: 1 });
  });

  it("never shows one account's CRM fields or companies to another", async () => {
    const stranger = await t.newAccount("stranger");
    const globex = await companyByDomain("globex-corp.com");
    expect((await company(globex!.id, stranger.key)).errors?.[0].extensions?.code).toBe("NOT_FOUND");
    await ingest([{ type: "visit", occurredAt: daysAgo(0), email: "someone@globex-corp.com" }], stranger.key);
    const theirs = await companyByDomain("globex-corp.com", stranger.key);
    expect(theirs).toMatchObject({ id: globex!.id, industry: "Manufacturing", crm: [] });
    expect(JSON.stringify(theirs)).not.toContain("Globex Corporation");
    const merge = await t.gql(MergeCompaniesDocument, { keep: theirs!.id, merge: (await companyByDomain("initech.example"))!.id }, stranger.key);
    expect(merge.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("pages through companies in exact score order, ties and near-equal scores included, and filters by minScore", async () => {
    const { key } = await t.newAccount("exact-order");
    // Visits today: a score of exactly the count. 40/41/42 and 80/81 fall in one bucket of the rank index each.
    const counts = [1, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 40, 41, 42, 80, 81, 160, 161];
    await ingest(
      counts.flatMap((n, i) => Array.from({ length: n }, (_, j) => ({ type: "visit", occurredAt: new Date().toISOString(), email: `p${j}@rank-${i}.example` }))),
      key,
    );
    const seen: { id: string; score: number }[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await companies({}, key, 4, after);
      seen.push(...page.edges.map((e) => ({ id: e.node.id, score: e.node.score.value })));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    expect(seen.map((c) => Math.round(c.score))).toEqual([...counts].sort((a, b) => b - a));
    const expected = [...seen].sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1));
    expect(seen).toEqual(expected);
    const atLeast41 = await companies({ minScore: 41 }, key);
    expect(atLeast41.edges.map((e) => Math.round(e.node.score.value))).toEqual([161, 160, 81, 80, 42, 41]);
  });

  it("tells live dashboards which companies' scores moved", async () => {
    const { key } = await t.newAccount("live-scores");
    const seen: CompanyScoreChangedSubscription["companyScoreChanged"][] = [];
    let connected!: () => void;
    const ready = new Promise<void>((r) => (connected = r));
    const client = createClient({ url: `${t.baseUrl.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` }, on: { connected: () => connected() } });
    client.subscribe<CompanyScoreChangedSubscription>(
      { query: print(CompanyScoreChangedDocument), variables: { minScore: 1.5 } },
      { next: (m) => m.data && seen.push(m.data.companyScoreChanged), error: () => undefined, complete: () => undefined },
    );
    await ready;
    await new Promise((r) => setTimeout(r, 200));
    try {
      await ingest([
        { type: "visit", occurredAt: daysAgo(0), email: "a@live-one.example" },
        { type: "form_submission", occurredAt: daysAgo(0), email: "b@live-two.example" },
      ], key);
      await ingest([{ type: "visit", occurredAt: daysAgo(0), email: "c@live-one.example" }]); // another account's: not seen
      const two = await companyByDomain("live-two.example", key);
      await eventually(async () => seen.length > 0);
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([{ companyId: two!.id, score: expect.closeTo(10, 6) }]);
      // A batch moving more companies than one NOTIFY payload can name (8,000 bytes) still tells of each.
      seen.length = 0;
      await ingest(Array.from({ length: 90 }, (_, i) => ({ type: "form_submission", occurredAt: daysAgo(0), email: `p@wide-${i}.example` })), key);
      await eventually(async () => seen.length >= 90);
      expect(new Set(seen.map((c) => c.companyId)).size).toBe(90);
    } finally {
      await client.dispose();
    }
  });
});
