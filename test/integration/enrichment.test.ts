import { ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { createClient } from "graphql-ws";
import { print } from "graphql";
import WebSocket from "ws";
import { eventually, startTestConflux, TestConflux, usesPostgres } from "../helpers/test-conflux";
import { startEnrichmentVendor, FakeEnrichmentVendor, PersonInput } from "../fakes/enrichment-vendor";
import { startFakeHunter, FakeHunter } from "../fakes/hunter";
import { FakeRecordApi } from "../fakes/record-api";
import { AccountScope } from "../../src/db/account-scope";
import {
  EnrichmentCompletedDocument,
  EnrichmentProgressDocument,
  EnrichmentProgressSubscription,
  EnrichmentCompletedSubscription,
  EnrichmentTransactionDocument,
  EnrichmentTransactionsDocument,

  RegisterConnectionDocument,
  RegisterSyncConnectionDocument,
  TriggerSyncDocument,
  SetEnrichmentWaterfallDocument,
  SubmitEnrichmentDocument,
} from "../generated/graphql";

let t: TestConflux;
let vendorA: FakeEnrichmentVendor;
let vendorB: FakeEnrichmentVendor;
let hunter: FakeHunter;

/** The http-enrichment config that speaks the fake vendor's API. */
function vendorConfig(vendor: FakeEnrichmentVendor, fields: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    url: `${vendor.url}/v1/people/enrich`,
    headers: { "x-api-key": "{{apiKey}}" },
    body: { requests: "{{records}}" },
    record: { ref: "{{ref}}", first_name: "{{first_name}}", last_name: "{{last_name}}", company_domain: "{{company_domain}}", company_name: "{{company_name}}" },
    response: { items: "responses", ref: "ref", found: { path: "status", equals: 200 }, fields },
    batchSize: 100,
    ratePerSecond: 500,
    concurrency: 4,
    ...extra,
  };
}

async function register(kind: string, name: string, config: unknown, secret: unknown = {}, key = t.adminKey): Promise<string> {
  const res = await t.gql(RegisterConnectionDocument, { kind, name, config, secret }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.registerConnection.id;
}

async function waterfall(ids: string[], key = t.adminKey): Promise<void> {
  const res = await t.gql(SetEnrichmentWaterfallDocument, { providerIds: ids }, key);
  expect(res.errors).toBeUndefined();
}

/** Contacts `from`..`to`-1 of a deterministic population at a few dozen companies. */
function people(from: number, to: number, prefix = "p"): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let i = from; i < to; i++) {
    out.push({ first_name: `${prefix}ann${i}`, last_name: `smith${i % 97}x`, company_domain: `company${i % 37}.example`, record_note: `n${i}` });
  }
  return out;
}

const asPerson = (c: Record<string, string>): PersonInput => ({ first_name: c.first_name, last_name: c.last_name, company_domain: c.company_domain });

async function post(body: unknown, key = t.adminKey): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.baseUrl}/v2/enriched_data`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function getResults(query: string, key = t.adminKey): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.baseUrl}/v2/enriched_data?${query}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: await res.json() };
}

async function transaction(erid: string, key = t.adminKey, first = 1000) {
  const res = await t.gql(EnrichmentTransactionDocument, { erid, first }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.enrichmentTransaction;
}

const completed = (erid: string, key = t.adminKey) =>
  eventually(async () => {
    const tx = await transaction(erid, key);
    return tx.status === "COMPLETED" && tx;
  }, 60_000, 200);

/** Events of one subscription over graphql-ws, as a client on `baseUrl` receives them. */
async function subscribeCompleted(baseUrl: string, erid: string, key = t.adminKey) {
  const events: EnrichmentCompletedSubscription["enrichmentCompleted"][] = [];
  let onConnected!: () => void;
  const connected = new Promise<void>((r) => (onConnected = r));
  const client = createClient({
    url: `${baseUrl.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    on: { connected: () => onConnected() },
  });
  let done!: () => void;
  const ended = new Promise<void>((r) => (done = r));
  client.subscribe<EnrichmentCompletedSubscription>(
    { query: print(EnrichmentCompletedDocument), variables: { erid } },
    { next: (msg) => msg.data && events.push(msg.data.enrichmentCompleted), error: () => done(), complete: () => done() },
  );
  await connected;
  await new Promise((r) => setTimeout(r, 200)); // registered just after the acknowledgement
  return { events, ended, close: () => client.dispose() };
}

beforeAll(async () => {
  vendorA = await startEnrichmentVendor({ seed: "vendor-a", coverage: 0.6, fieldCoverage: { work_email: 1 }, apiKey: "key-a" });
  vendorB = await startEnrichmentVendor({ seed: "vendor-b", coverage: 0.7, fieldCoverage: { work_email: 1, mobile_phone: 0.6 }, apiKey: "key-b" });
  hunter = await startFakeHunter({ perSecond: 50, perMinute: 3000 });
  t = await startTestConflux({ workers: true, env: { CONFLUX_ENRICHMENT_BATCH_SIZE: "500" }, enrichmentHttp: { backoffMs: 5 } });
});

afterAll(async () => {
  await t?.close();
  await Promise.all([vendorA?.close(), vendorB?.close(), hunter?.close()]);
});

beforeEach(() => {
  vendorA.resetStats();
  vendorB.resetStats();
  hunter.resetStats();
});

/** Provider connections of the default account: vendor a (emails), vendor b (emails and phones). */
let a: string;
let b: string;

describe("enrichment transactions", () => {
  beforeAll(async () => {
    a = await register("http-enrichment", "vendor a", vendorConfig(vendorA, { professional_email: "data.work_email" }), { apiKey: "key-a" });
    b = await register("http-enrichment", "vendor b", vendorConfig(vendorB, { professional_email: "data.work_email", phone_number: "data.mobile_phone" }), {
      apiKey: "key-b",
    });
  });

  it("completes a 10,000-record transaction sent in 10 requests, one of them twice, with exactly 10,000 records", async () => {
    await waterfall([a]);
    const erid = "ten-thousand";
    expect((await getResults(`erid=${erid}`)).body).toEqual({ erid, data: [], number_of_pages: 0, next_page: null, status: "inexistent" });
    expect((await transaction(erid)).status).toBe("INEXISTENT");

    const requests = Array.from({ length: 10 }, (_, i) => people(i * 1000, (i + 1) * 1000));
    const first = await post({ erid, contact_list: requests[0], fields_to_be_enriched: ["professional_email"], number_of_records: 10_000 });
    expect(first).toEqual({ status: 202, body: { erid, status: "incomplete", received: 1000, accepted: 1000, duplicates: 0 } });
    expect((await getResults(`erid=${erid}`)).body.status).toBe("incomplete");
    const subscriber = await subscribeCompleted(t.baseUrl, erid);

    for (let i = 1; i < 10; i++) {
      if (i % 2) {
        const res = await post({ erid, contact_list: requests[i], fields_to_be_enriched: ["professional_email"], number_of_records: 10_000 });
        expect(res.body).toMatchObject({ accepted: 1000, duplicates: 0 });
      } else {
        const res = await t.gql(SubmitEnrichmentDocument, { erid, contacts: requests[i], fields: ["professional_email"], numberOfRecords: 10_000 });
        expect(res.errors).toBeUndefined();
        expect(res.data!.submitEnrichment).toMatchObject({ accepted: 1000, duplicates: 0 });
      }
      if (i === 3) {
        // The client timed out and sends request 3 again: nothing is added.
        const again = await post({ erid, contact_list: requests[3], fields_to_be_enriched: ["professional_email"], number_of_records: 10_000 });
        expect(again.body).toMatchObject({ accepted: 0, duplicates: 1000 });
      }
    }

    const done = await completed(erid);
    await subscriber.ended;
    subscriber.close();
    const known = requests.flat().filter((c) => vendorA.knows(asPerson(c)));
    expect(done.counts).toEqual({ received: 10_000, enriched: known.length, notFound: 10_000 - known.length, failed: 0, pending: 0 });
    expect(known.length).toBeGreaterThan(5000);
    // 20 batches of 500 contacts, 5 full calls each: the minimum, and every contact asked once.
    expect(vendorA.stats.calls).toBe(100);
    expect(vendorA.stats.recordsRequested).toBe(10_000);
    expect(done.vendorCalls).toBe(100);
    expect(subscriber.events).toEqual([
      { erid, status: "COMPLETED", numberOfRecords: 10_000, received: 10_000, enriched: known.length, notFound: 10_000 - known.length, failed: 0 },
    ]);

    // The REST contract, page by page: every contact once, in arrival order, with its requested field beside it.
    const page1 = await getResults(`erid=${erid}&per_page=1000`);
    expect(page1.body).toMatchObject({ erid, number_of_pages: 10, next_page: 2, status: "completed" });
    const seen = new Set<string>();
    for (let page = 1; page <= 10; page++) {
      const { body } = await getResults(`erid=${erid}&per_page=1000&page=${page}`);
      expect(body.next_page).toBe(page < 10 ? page + 1 : null);
      for (const item of body.data) {
        expect(seen.has(item.record_note)).toBe(false);
        seen.add(item.record_note);
        const expected = vendorA.knows(asPerson(item))?.work_email ?? null;
        expect(item.professional_email).toBe(expected);
        expect(item.enrichment_status).toBe(expected ? "enriched" : "not_found");
      }
    }
    expect(seen.size).toBe(10_000);
    expect([...seen].slice(0, 3)).toEqual(["n0", "n1", "n2"]);
  });

  it("asks provider 2 only for the contacts whose field provider 1 lacked", async () => {
    await waterfall([a, b]);
    const contacts = people(0, 400, "w");
    const res = await post({ erid: "waterfall", contact_list: contacts, fields_to_be_enriched: ["professional_email"], number_of_records: 400 });
    expect(res.status).toBe(202);
    await completed("waterfall");
    const missedByA = contacts.filter((c) => !vendorA.knows(asPerson(c)));
    expect(missedByA.length).toBeGreaterThan(50);
    expect(vendorB.stats.recordsRequested).toBe(missedByA.length);
    const tx = await transaction("waterfall");
    for (const { node } of tx.records.edges) {
      const fromA = vendorA.knows(asPerson(node.input))?.work_email;
      const fromB = vendorB.knows(asPerson(node.input))?.work_email;
      expect(node.output).toEqual(fromA ? { professional_email: fromA } : fromB ? { professional_email: fromB } : {});
      expect(node.providers).toEqual(fromA ? { professional_email: "vendor a" } : fromB ? { professional_email: "vendor b" } : {});
    }
    expect(tx.counts.enriched).toBe(contacts.filter((c) => vendorA.knows(asPerson(c)) || vendorB.knows(asPerson(c))).length);
  });

  it("fills each field from the first provider that has it", async () => {
    await waterfall([a, b]);
    const contacts = people(0, 200, "f");
    await t.gql(SubmitEnrichmentDocument, { erid: "two-fields", contacts, fields: ["phone_number", "professional_email"], numberOfRecords: 200 });
    const tx = await completed("two-fields");
    for (const { node } of tx.records.edges) {
      const fromA = vendorA.knows(asPerson(node.input));
      const fromB = vendorB.knows(asPerson(node.input));
      const expected: Record<string, string> = {};
      if (fromA?.work_email ?? fromB?.work_email) expected.professional_email = (fromA?.work_email ?? fromB?.work_email)!;
      if (fromB?.mobile_phone) expected.phone_number = fromB.mobile_phone;
      expect(node.output).toEqual(expected);
      if (fromB?.mobile_phone) expect(node.providers.phone_number).toBe("vendor b");
    }
    expect(tx.fields).toEqual(["phone_number", "professional_email"]);
  });

  it("answers a contact already asked from the cache instead of calling the vendor again", async () => {
    await waterfall([a]);
    const contacts = people(0, 300, "c");
    await post({ erid: "cache-1", contact_list: contacts, fields_to_be_enriched: ["professional_email"], number_of_records: 300 });
    const firstRun = await completed("cache-1");
    const calls = vendorA.stats.calls;
    expect(calls).toBe(3);
    // The same people, written differently (case, spacing), in another transaction.
    const again = contacts.map((c) => ({ ...c, first_name: ` ${c.first_name.toUpperCase()} `, record_note: "again" }));
    await post({ erid: "cache-2", contact_list: again, fields_to_be_enriched: ["professional_email"], number_of_records: 300 });
    const secondRun = await completed("cache-2");
    expect(vendorA.stats.calls).toBe(calls);
    expect(secondRun.cacheHits).toBe(300);
    expect(secondRun.vendorCalls).toBe(0);
    expect(secondRun.counts).toEqual(firstRun.counts);
  });

  it("keeps a vendor's passing failures from failing records, and records a refused key as a readable failure", async () => {
    await waterfall([a]);
    vendorA.failNext(2, 503);
    await post({ erid: "flaky", contact_list: people(0, 100, "k"), fields_to_be_enriched: ["professional_email"], number_of_records: 100 });
    const flaky = await completed("flaky");
    expect(flaky.counts.failed).toBe(0);
    expect(vendorA.stats.failures).toBe(2);

    const broken = await register("http-enrichment", "vendor a, wrong key", vendorConfig(vendorA, { professional_email: "data.work_email" }), { apiKey: "nope" });
    await waterfall([broken, b]);
    const contacts = people(0, 100, "r");
    await post({ erid: "refused", contact_list: contacts, fields_to_be_enriched: ["professional_email"], number_of_records: 100 });
    const refused = await completed("refused");
    const knownByB = contacts.filter((c) => vendorB.knows(asPerson(c))).length;
    expect(refused.counts).toMatchObject({ enriched: knownByB, failed: 100 - knownByB, notFound: 0 });
    const failedRecord = refused.records.edges.find((e) => e.node.status === "FAILED")!.node;
    expect(failedRecord.error).toMatch(/vendor a, wrong key: HTTP 401/);
  });

  it("rejects bad and conflicting requests with typed errors and stores nothing of them", async () => {
    await waterfall([a, b]);
    const base = { erid: "strict", contact_list: people(0, 10, "s"), fields_to_be_enriched: ["professional_email"], number_of_records: 15 };
    expect((await post(base)).status).toBe(202);

    const conflicts = [
      { ...base, number_of_records: 16 },
      { ...base, contact_list: people(10, 20, "s"), fields_to_be_enriched: ["professional_email", "phone_number"] },
      { ...base, contact_list: people(10, 20, "s") }, // 10 + 10 > 15
    ];
    for (const body of conflicts) {
      const res = await post(body);
      expect(res.status).toBe(409);
      expect(typeof res.body.message).toBe("string");
    }
    const bad = [
      { ...base, fields_to_be_enriched: ["shoe_size"] },
      { ...base, fields_to_be_enriched: [] },
      { ...base, contact_list: [] },
      { ...base, contact_list: [{ first_name: "" }] },
      { ...base, number_of_records: 0 },
      { ...base, erid: "" },
    ];
    for (const body of bad) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^(erid|contact_list|fields_to_be_enriched|number_of_records)/);
    }
    const gqlConflict = await t.gql(SubmitEnrichmentDocument, { erid: "strict", contacts: people(0, 10, "s"), fields: ["professional_email"], numberOfRecords: 99 });
    expect(gqlConflict.errors?.[0].extensions?.code).toBe("CONFLICT");
    const gqlBad = await t.gql(SubmitEnrichmentDocument, { erid: "x", contacts: people(0, 1), fields: ["nope"], numberOfRecords: 1 });
    expect(gqlBad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");

    const tx = await transaction("strict");
    expect(tx.counts.received).toBe(10);
    expect(tx.numberOfRecords).toBe(15);
    expect((await post({ ...base, contact_list: people(10, 15, "s") })).body).toMatchObject({ accepted: 5, received: 15 });
    expect((await completed("strict")).counts.received).toBe(15);
  });

  it("keeps every account's transactions, providers and waterfall to itself", async () => {
    const other = await t.newAccount("enrichment-stranger");
    const none = await post({ erid: "x", contact_list: people(0, 1), fields_to_be_enriched: ["professional_email"], number_of_records: 1 }, other.key);
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/no enrichment providers/);
    const foreign = await t.gql(SetEnrichmentWaterfallDocument, { providerIds: [a] }, other.key);
    expect(foreign.errors?.[0].extensions?.code).toBe("NOT_FOUND");

    const own = await register("http-enrichment", "their vendor", vendorConfig(vendorB, { professional_email: "data.work_email" }), { apiKey: "key-b" }, other.key);
    await waterfall([own], other.key);
    expect((await transaction("ten-thousand", other.key)).status).toBe("INEXISTENT");
    expect((await getResults("erid=ten-thousand", other.key)).body.status).toBe("inexistent");
    // The same erid in two accounts is two transactions.
    await post({ erid: "strict", contact_list: people(0, 2, "o"), fields_to_be_enriched: ["professional_email"], number_of_records: 2 }, other.key);
    expect((await completed("strict", other.key)).counts.received).toBe(2);
    expect((await transaction("strict")).counts.received).toBe(15);
    const listed = await t.gql(EnrichmentTransactionsDocument, {}, other.key);
    expect(listed.data!.enrichmentTransactions.edges.map((e) => e.node.erid)).toEqual(["strict"]);
  });

  it("lists transactions by request date and status", async () => {
    const all = await t.gql(EnrichmentTransactionsDocument, { from: new Date(Date.now() - 3_600_000).toISOString() });
    expect(all.data!.enrichmentTransactions.totalCount).toBeGreaterThanOrEqual(6);
    const future = await t.gql(EnrichmentTransactionsDocument, { from: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.data!.enrichmentTransactions.totalCount).toBe(0);
    const incomplete = await t.gql(EnrichmentTransactionsDocument, { status: "INCOMPLETE" });
    expect(incomplete.data!.enrichmentTransactions.edges.every((e) => e.node.status === "INCOMPLETE")).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const byDate = await getResults(`start_date=${today}&end_date=${today}&per_page=5`);
    expect(byDate.body).toMatchObject({ erid: null, next_page: 2 });
    expect(byDate.body.data).toHaveLength(5);
    expect((await getResults(`page=0&erid=x`)).status).toBe(400);
  });
});

describe("providers", () => {
  it("Hunter finds emails, phones and positions one person at a time", async () => {
    const id = await register("hunter", "hunter", { baseUrl: hunter.url, ratePerSecond: 40 }, { apiKey: "hunter-key" });
    await waterfall([id]);
    const contacts = people(0, 40, "h");
    await post({ erid: "hunter", contact_list: contacts, fields_to_be_enriched: ["job_title", "professional_email"], number_of_records: 40 });
    const tx = await completed("hunter");
    expect(hunter.stats.calls).toBe(40);
    for (const { node } of tx.records.edges) {
      const found = hunter.knows({ first_name: node.input.first_name, last_name: node.input.last_name, domain: node.input.company_domain });
      const expected: Record<string, string> = {};
      if (found?.email) expected.professional_email = found.email;
      if (found?.position) expected.job_title = found.position;
      expect(node.output).toEqual(expected);
    }
  });

  it("the pattern provider applies the email format of the account's customers at the company's domain", async () => {
    const scope = AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId);
    const known = [
      ["Ada", "Lovelace", "ada.lovelace@acme.io"],
      ["Alan", "Turing", "alan.turing@acme.io"],
      ["Grace", "Hopper", "ghopper@initech.io"],
      ["Edsger", "Dijkstra", "edsger.dijkstra@initech.io"],
    ];
    for (const [first, last, email] of known) {
      await t.conflux.services.customers.create(scope, email, { email, first_name: first, last_name: last });
    }
    const id = await register("pattern", "patterns", {});
    await waterfall([id]);
    const contacts = [
      { first_name: "Barbara", last_name: "Liskov", company_domain: "acme.io" },
      { first_name: "José", last_name: "Núñez", email: "jose@acme.io" },
      { first_name: "Ken", last_name: "Thompson", company_domain: "initech.io" }, // two formats, one sample each
      { first_name: "Dennis", last_name: "Ritchie", company_domain: "unknown.io" },
    ];
    await post({ erid: "pattern", contact_list: contacts, fields_to_be_enriched: ["professional_email"], number_of_records: 4 });
    const tx = await completed("pattern");
    expect(tx.records.edges.map((e) => e.node.output)).toEqual([
      { professional_email: "barbara.liskov@acme.io" },
      { professional_email: "jose.nunez@acme.io" },
      {},
      {},
    ]);
    expect(tx.counts).toMatchObject({ enriched: 2, notFound: 2 });
  });

  it("writes enriched fields back to the customers the contacts name, once", async () => {
    const vendor = await register("http-enrichment", "write-back vendor", vendorConfig(vendorB, { phone_number: "data.mobile_phone" }), { apiKey: "key-b" });
    await waterfall([vendor]);
    const scope = AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId);
    const contacts = people(0, 60, "wb").map((c, i) => ({ ...c, customer_id: `wb-${i}` }));
    for (const c of contacts.slice(0, 50)) await t.conflux.services.customers.create(scope, c.customer_id, { email: `${c.customer_id}@example.com` });
    await t.gql(SubmitEnrichmentDocument, { erid: "write-back", contacts, fields: ["phone_number"], numberOfRecords: 60, writeBack: true });
    await completed("write-back");
    for (const c of contacts) {
      const phone = vendorB.knows(asPerson(c))?.mobile_phone;
      const customer = t.conflux.services.customers.get(scope, c.customer_id);
      if (Number(c.customer_id.slice(3)) >= 50) await expect(customer).rejects.toThrow(/not found/); // enrichment never creates customers
      else expect((await customer).attributes.phone_number).toBe(phone);
    }
  });
});

describe("live progress, metrics and recovery", () => {
  it("streams progress at most twice a second, from INEXISTENT through INCOMPLETE to COMPLETED, and ends", async () => {
    await waterfall([a]);
    vendorA.setOptions({ latencyMs: 150 });
    const erid = "progress";
    const events: { at: number; value: EnrichmentProgressSubscription["enrichmentProgress"] }[] = [];
    const client = createClient({ url: `${t.baseUrl.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${t.adminKey}` } });
    const ended = new Promise<void>((resolve, reject) =>
      client.subscribe<EnrichmentProgressSubscription>(
        { query: print(EnrichmentProgressDocument), variables: { erid } },
        { next: (msg) => msg.data && events.push({ at: Date.now(), value: msg.data.enrichmentProgress }), error: reject, complete: resolve },
      ),
    );
    try {
      await eventually(async () => events.length > 0);
      await post({ erid, contact_list: people(0, 3000, "g"), fields_to_be_enriched: ["professional_email"], number_of_records: 3000 });
      await ended;
    } finally {
      vendorA.setOptions({ latencyMs: 20 });
      await client.dispose();
    }
    const statuses = events.map((e) => e.value.status);
    expect(statuses[0]).toBe("INEXISTENT");
    expect(statuses.at(-1)).toBe("COMPLETED");
    expect(statuses.filter((s) => s === "COMPLETED")).toHaveLength(1);
    expect(statuses.slice(1, -1).every((s) => s === "INCOMPLETE")).toBe(true);
    expect(events.length).toBeGreaterThan(3);
    const done = events.map((e) => e.value.enriched + e.value.notFound + e.value.failed);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(done.at(-1)).toBe(3000);
    // Throttled: between two deliveries before the last, at least ~half a second.
    for (let i = 2; i < events.length - 1; i++) expect(events[i].at - events[i - 1].at).toBeGreaterThanOrEqual(400);
  });

  it("exposes records, provider calls and latency and the queue depth as Prometheus metrics", async () => {
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    const value = (line: RegExp) => Number(text.match(line)?.[1] ?? NaN);
    expect(value(/^conflux_enrichment_records_total\{outcome="received"\} (\d+)/m)).toBeGreaterThan(10_000);
    expect(value(/^conflux_enrichment_records_total\{outcome="enriched"\} (\d+)/m)).toBeGreaterThan(5_000);
    expect(value(/^conflux_enrichment_provider_calls_total\{kind="http-enrichment",outcome="ok"\} (\d+)/m)).toBeGreaterThan(100);
    expect(value(/^conflux_enrichment_provider_calls_total\{kind="http-enrichment",outcome="error"\} (\d+)/m)).toBeGreaterThan(0);
    expect(value(/^conflux_enrichment_provider_latency_seconds_count\{kind="hunter"\} (\d+)/m)).toBeGreaterThanOrEqual(40);
    expect(value(/^conflux_enrichment_queue_depth (\d+)/m)).toBe(0);
  });

  it("queues again the records of a transaction whose batches never reached the queue", async () => {
    const other = await startTestConflux({ workers: false });
    try {
      const vendor = await other.gql(RegisterConnectionDocument, {
        kind: "http-enrichment",
        name: "vendor",
        config: vendorConfig(vendorA, { professional_email: "data.work_email" }),
        secret: { apiKey: "key-a" },
      });
      await other.gql(SetEnrichmentWaterfallDocument, { providerIds: [vendor.data!.registerConnection.id] });
      const res = await other.gql(SubmitEnrichmentDocument, { erid: "lost", contacts: people(0, 50, "l"), fields: ["professional_email"], numberOfRecords: 50 });
      expect(res.errors).toBeUndefined();
      // As if the process had died between committing the request and queueing its batch.
      const config = other.conflux.config;
      const boss = usesPostgres ? `${config.databaseSchema}_boss` : "pgboss";
      await other.conflux.services.dataSource.query(`DELETE FROM ${boss}.job WHERE name = 'enrichment-batch'`);
      expect(await other.conflux.services.enrichment.requeueIdle(3600)).toBe(0); // not idle long enough yet
      await new Promise((r) => setTimeout(r, 20));
      expect(await other.conflux.services.enrichment.requeueIdle(0)).toBe(50);
      await other.conflux.start({ workers: true });
      const done = await eventually(async () => {
        const tx = (await other.gql(EnrichmentTransactionDocument, { erid: "lost", first: 0 })).data!.enrichmentTransaction;
        return tx.status === "COMPLETED" && tx;
      }, 30_000);
      expect(done.counts).toMatchObject({ received: 50, pending: 0 });
    } finally {
      await other.close();
    }
  });
});

describe("enrichment pipelines", () => {
  it("enriches the customers missing a field on each run, writes them back and sends them to the destination", async () => {
    const { accountId, key } = await t.newAccount("pipelines"); // customers of its own, none from other tests
    const scope = AccountScope.of(t.conflux.services.dataSource, accountId);
    const customers = people(0, 40, "pl").map((c, i): Record<string, string> => ({ ...c, id: `pl-${i}` }));
    for (const [i, c] of customers.entries()) {
      const attributes: Record<string, string> = { email: `${c.id}@example.com`, first_name: c.first_name, last_name: c.last_name, company_domain: c.company_domain };
      if (i < 10) attributes.phone_number = "+1 000"; // already known: not asked for
      await t.conflux.services.customers.create(scope, c.id, attributes);
    }
    const phones = await register("http-enrichment", "phones", vendorConfig(vendorB, { phone_number: "data.mobile_phone" }), { apiKey: "key-b" }, key);
    await waterfall([phones], key);
    const sink = new FakeRecordApi();
    const sinkUrl = await sink.start();
    try {
      const destination = await register("record-api", "enriched sink", { endpoint: sinkUrl }, { key: sink.key }, key);
      const created = await t.gql(RegisterSyncConnectionDocument, {
        kind: "enrichment-pipeline",
        name: "phones for customers",
        config: { source: { kind: "customers-missing" }, fields: ["phone_number"] },
        destinationId: destination,
      }, key);
      expect(created.errors).toBeUndefined();
      const pipeline = created.data!.registerConnection.id;
      const run = async () => {
        const queued = (await t.gql(TriggerSyncDocument, { id: pipeline }, key)).data!.triggerSync;
        return eventually(async () => {
          const done = (await t.conflux.services.connections.runs(scope, pipeline)).find((r) => r.id === queued.id);
          return done && ["SUCCEEDED", "FAILED"].includes(done.status) && done;
        }, 60_000, 200);
      };

      const first = await run();
      expect(first).toMatchObject({ status: "SUCCEEDED", fetched: 30 });
      const missing = customers.slice(10);
      const known = missing.filter((c) => vendorB.knows(asPerson(c))?.mobile_phone);
      expect(first.created).toBe(known.length);
      for (const c of missing) {
        const phone = vendorB.knows(asPerson(c))?.mobile_phone;
        expect((await t.conflux.services.customers.get(scope, c.id)).attributes.phone_number).toBe(phone);
        expect(sink.records.get(c.id)?.phone_number).toBe(phone);
      }
      const tx = await transaction(`pipeline-${first.id}`, key);
      expect(tx.counts).toMatchObject({ received: 30, enriched: known.length });

      // The next run asks again only for those still missing, and the cache answers them.
      vendorB.resetStats();
      const second = await run();
      expect(second).toMatchObject({ status: "SUCCEEDED", fetched: 30 - known.length, created: 0 });
      expect(vendorB.stats.calls).toBe(0);
    } finally {
      await sink.stop();
    }
  });
});

/**
 * Across processes, which the embedded database (one process) cannot have: a worker killed in the middle of a
 * transaction, another worker finishing it, and a subscriber on this server told of completion by that worker.
 */
(usesPostgres ? describe : describe.skip)("workers in other processes", () => {
  const CLI = path.resolve(__dirname, "../../dist/src/cli.js");
  let slow: FakeEnrichmentVendor;
  let server: TestConflux;

  function worker(): { child: ChildProcess; started: Promise<void> } {
    const config = server.conflux.config;
    const child = spawn(process.execPath, [CLI, "worker"], {
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL,
        CONFLUX_DATABASE_SCHEMA: config.databaseSchema,
        CONFLUX_SECRET_KEY: config.secretKey,
        CONFLUX_SCHEDULER: "off",
        CONFLUX_LOG_LEVEL: "warn",
        CONFLUX_ENRICHMENT_BATCH_EXPIRE_SECONDS: "3",
        CONFLUX_QUEUE_MAINTENANCE_SECONDS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const started = new Promise<void>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).on("line", (line) => line.includes("worker started") && resolve());
      child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    });
    return { child, started };
  }

  beforeAll(async () => {
    slow = await startEnrichmentVendor({ seed: "slow", latencyMs: 150, maxBatch: 10, coverage: 0.5, fieldCoverage: { work_email: 1 } });
    server = await startTestConflux({
      workers: false,
      env: { CONFLUX_ENRICHMENT_BATCH_SIZE: "50", CONFLUX_ENRICHMENT_BATCH_EXPIRE_SECONDS: "3", CONFLUX_QUEUE_MAINTENANCE_SECONDS: "1" },
    });
  });

  afterAll(async () => {
    await server?.close();
    await slow?.close();
  });

  it("a worker killed mid-transaction loses and duplicates nothing; another finishes it and the subscriber here hears of it", async () => {
    const vendor = await server.gql(RegisterConnectionDocument, {
      kind: "http-enrichment",
      name: "slow vendor",
      config: vendorConfig(slow, { professional_email: "data.work_email" }, { batchSize: 10, concurrency: 2 }),
      secret: { apiKey: "vendor-key" },
    });
    await server.gql(SetEnrichmentWaterfallDocument, { providerIds: [vendor.data!.registerConnection.id] });
    const contacts = people(0, 2000, "x");
    const erid = "survives-a-kill";
    const subscriber = await subscribeCompleted(server.baseUrl, erid, server.adminKey);
    for (let i = 0; i < 2000; i += 500) {
      const res = await server.gql(SubmitEnrichmentDocument, { erid, contacts: contacts.slice(i, i + 500), fields: ["professional_email"], numberOfRecords: 2000 }, server.adminKey);
      expect(res.errors).toBeUndefined();
    }

    const first = worker();
    await first.started;
    const finishedOf = async () => {
      const tx = (await server.gql(EnrichmentTransactionDocument, { erid, first: 0 })).data!.enrichmentTransaction;
      return tx.counts.received - tx.counts.pending;
    };
    await eventually(async () => (await finishedOf()) >= 300, 60_000, 50);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const atKill = await finishedOf();
    expect(atKill).toBeLessThan(2000);

    const second = worker();
    await second.started;
    try {
      await subscriber.ended;
      expect(subscriber.events).toHaveLength(1);
      expect(subscriber.events[0]).toMatchObject({ erid, status: "COMPLETED", received: 2000 });
      const boss = `${server.conflux.config.databaseSchema}_boss`;
      const [{ retried }] = await server.conflux.services.dataSource.query(
        `SELECT count(*)::int AS retried FROM ${boss}.job WHERE name = 'enrichment-batch' AND retry_count > 0`,
      );
      expect(retried).toBeGreaterThan(0); // the killed worker's batches expired and ran again

      const known = contacts.filter((c) => slow.knows(asPerson(c))).length;
      const schema = server.conflux.config.databaseSchema;
      const rows = await server.conflux.services.dataSource.query(
        `SELECT count(*)::int AS records, count(DISTINCT r.key)::int AS keys, count(*) FILTER (WHERE x.record_id IS NULL)::int AS pending,
                count(*) FILTER (WHERE x.status = 'enriched')::int AS enriched, (SELECT count(*)::int FROM ${schema}.enrichment_result) AS results
           FROM ${schema}.enrichment_record r LEFT JOIN ${schema}.enrichment_result x ON x.record_id = r.id`,
      );
      expect(rows[0]).toEqual({ records: 2000, keys: 2000, pending: 0, enriched: known, results: 2000 });
      const tx = (await server.gql(EnrichmentTransactionDocument, { erid, first: 0 })).data!.enrichmentTransaction;
      expect(tx.counts).toEqual({ received: 2000, enriched: known, notFound: 2000 - known, failed: 0, pending: 0 });
    } finally {
      second.child.kill("SIGTERM");
      await new Promise((r) => second.child.once("exit", r));
      subscriber.close();
    }
  });
});
