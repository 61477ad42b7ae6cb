import { AccountScope } from "../../src/db/account-scope";
import { Connection } from "../../src/entities/connection";
import { SyncRun } from "../../src/entities/sync-run";
import { FakeMailchimp } from "../fakes/mailchimp";
import { FakeRecordApi } from "../fakes/record-api";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";

/**
 * The sync engine end to end against the Mailchimp and record-API fakes: diffing, deletions, paging under
 * mutation, resumption and retries. Runs are executed directly (no worker polling) so each test sees exactly
 * the calls its run made.
 */

const KEY = "0123456789abcdef0123456789abcdef-us6";
let t: TestConflux;
let mailchimp: FakeMailchimp;
let records: FakeRecordApi;
let mailchimpUrl: string;
let recordsUrl: string;
let scope: AccountScope;
let listCounter = 0;

beforeAll(async () => {
  t = await startTestConflux({ http: true, syncHttp: { retries: 6, backoffMs: 10 } });
  mailchimp = new FakeMailchimp({ keys: [KEY] });
  mailchimpUrl = await mailchimp.start();
  records = new FakeRecordApi({ key: "dest-key" });
  recordsUrl = await records.start();
  scope = AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await mailchimp?.stop();
  await records?.stop();
});

beforeEach(() => {
  mailchimp.resetCounters();
  records.resetCounters();
  records.records.clear();
  mailchimp.onMembersPage = undefined;
});

/** A fresh audience with `members` members, a connection reading it and a record-API destination. */
async function newAudience(members: number, options: { pageSize?: number; withDestination?: boolean } = {}) {
  const listId = `list${++listCounter}`;
  mailchimp.addList(listId, `Audience ${listCounter}`);
  if (members) mailchimp.addMembers(listId, members, { emailPrefix: `${listId}-m` });
  const { connections } = t.conflux.services;
  const destination =
    options.withDestination === false
      ? null
      : await connections.register(scope, {
          kind: "record-api",
          name: `dest-${listId}`,
          config: { endpoint: recordsUrl, batchSize: 500 },
          secret: { key: "dest-key" },
        });
  const connection = await connections.register(scope, {
    kind: "mailchimp",
    name: `mc-${listId}`,
    config: { listId, baseUrl: mailchimpUrl, pageSize: options.pageSize ?? 1000 },
    secret: { apiKey: KEY },
    destinationId: destination?.id ?? null,
  });
  return { listId, connection };
}

/** Queues a run of the connection and executes it here; returns the settled run. */
async function sync(connectionId: string, options: { signal?: AbortSignal; retryCount?: number; retryLimit?: number } = {}) {
  const run = await t.conflux.services.connections.triggerSync(scope, connectionId);
  const attempt = { retryCount: options.retryCount ?? 0, retryLimit: options.retryLimit ?? 0 };
  await t.conflux.runner.run({ runId: run.id, accountId: t.defaultAccountId, connectionId }, attempt, options.signal).catch(() => undefined);
  return scope.get(SyncRun, run.id, "sync run");
}

/** Continues a run the queue would retry (same run, next attempt). */
async function retry(run: SyncRun, retryCount: number, retryLimit: number) {
  const job = { runId: run.id, accountId: t.defaultAccountId, connectionId: run.connectionId };
  await t.conflux.runner.run(job, { retryCount, retryLimit }).catch(() => undefined);
  return scope.get(SyncRun, run.id, "sync run");
}

/** Asserts Conflux (sync records, customers) and the destination hold exactly the audience's visible members. */
async function expectExact(listId: string, connectionId: string, destination = true) {
  const visible = mailchimp.members(listId).filter((m) => m.status !== "archived");
  const expected = new Map(visible.map((m) => [m.id, m]));
  const held: { external_id: string }[] = await scope.query(
    `SELECT external_id FROM sync_record WHERE account_id = $1 AND connection_id = $2`,
    [connectionId],
  );
  expect(held.map((r) => r.external_id).sort()).toEqual([...expected.keys()].sort());
  const customers = await t.conflux.services.customers.findMany(scope, [...expected.keys()]);
  expect(customers).toHaveLength(expected.size);
  for (const c of customers) {
    const m = expected.get(c.id)!;
    expect(c.attributes).toMatchObject({ email: m.email_address, firstname: m.merge_fields.FNAME, lastname: m.merge_fields.LNAME, status: m.status });
  }
  if (destination) {
    const sent = [...records.records.values()].filter((r) => String(r.email).startsWith(`${listId}-`) || expected.has(String(r.id)));
    expect(sent.map((r) => r.id).sort()).toEqual([...expected.keys()].sort());
    for (const r of sent) expect(r).toMatchObject({ email: expected.get(String(r.id))!.email_address });
  }
}

const sourceCalls = () => mailchimp.calls;

describe("mailchimp sync", () => {
  it("first sync of 5,000 members writes each once, then a no-change sync writes nothing", async () => {
    const { listId, connection } = await newAudience(5000);
    const first = await sync(connection.id);
    expect(first).toMatchObject({ status: "SUCCEEDED", fetched: 5000, created: 5000, updated: 0, deleted: 0, unchanged: 0 });
    // Batches of at most 500 within each page: 1,000 then 980 new per page (the rest are the paging anchors).
    expect(first.destinationApiCalls).toBe(records.postCalls);
    expect(records.postCalls).toBe(11);
    expect(records.recordsReceived).toBe(5000);
    expect(first.apiCalls).toBe(sourceCalls());
    expect(first.bytes).toBeGreaterThan(0);
    await expectExact(listId, connection.id);

    mailchimp.resetCounters();
    records.resetCounters();
    const second = await sync(connection.id);
    expect(second).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 0, deleted: 0, destinationApiCalls: 0 });
    expect(records.calls).toBe(0);
    expect(sourceCalls()).toBeLessThanOrEqual(3);
    await expectExact(listId, connection.id);
  });

  it("writes only the 1% of members that changed", async () => {
    const { listId, connection } = await newAudience(2000);
    await sync(connection.id);
    const changed = mailchimp.members(listId).filter((_, i) => i % 100 === 7);
    for (const m of changed) mailchimp.updateMember(listId, m.id, { firstName: `Renamed${m.id.slice(0, 4)}` });
    records.resetCounters();
    const run = await sync(connection.id);
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 0, updated: changed.length, deleted: 0 });
    expect(records.recordsReceived).toBe(changed.length);
    await expectExact(listId, connection.id);
  });

  it("lands a member changed back to an earlier version (the archive keeps each version once)", async () => {
    const { listId, connection } = await newAudience(50);
    await sync(connection.id);
    const [member] = mailchimp.members(listId);
    const original = member.merge_fields.FNAME;
    const realNow = mailchimp.now;
    const start = Date.now();
    try {
      mailchimp.now = () => new Date(start + 10_000);
      mailchimp.updateMember(listId, member.id, { firstName: "Interim" });
      expect(await sync(connection.id)).toMatchObject({ status: "SUCCEEDED", updated: 1 });
      mailchimp.now = () => new Date(start + 20_000);
      mailchimp.updateMember(listId, member.id, { firstName: original });
      expect(await sync(connection.id)).toMatchObject({ status: "SUCCEEDED", updated: 1 });
    } finally {
      mailchimp.now = realNow;
    }
    const [customer] = await t.conflux.services.customers.findMany(scope, [member.id]);
    expect(customer.attributes.firstname).toBe(original);
    await expectExact(listId, connection.id);
  });

  it("removes archived and deleted members after reconciliation, and follows an email change", async () => {
    const { listId, connection } = await newAudience(300);
    await sync(connection.id);
    const members = mailchimp.members(listId);
    for (const m of members.slice(0, 5)) mailchimp.archiveMember(listId, m.id);
    for (const m of members.slice(5, 12)) mailchimp.deleteMember(listId, m.id);
    const renamed = mailchimp.updateMember(listId, members[20].id, { email: "new-address@example.com" });
    expect(renamed.id).not.toBe(members[20].id);

    const run = await sync(connection.id);
    // Totals no longer match what Conflux holds, so the run reconciles at once rather than at the next interval.
    expect(run).toMatchObject({ status: "SUCCEEDED", reconciled: true, created: 1, deleted: 13, drift: null });
    await expectExact(listId, connection.id);
    expect(await t.conflux.services.customers.findMany(scope, [members[0].id, members[6].id, members[20].id])).toEqual([]);
    const [moved] = await t.conflux.services.customers.findMany(scope, [renamed.id]);
    expect(moved.attributes.email).toBe("new-address@example.com");
  });

  it("ends exact when the list changes while it is being paged", async () => {
    const { listId, connection } = await newAudience(1000, { pageSize: 100 });
    let page = 0;
    mailchimp.onMembersPage = (info) => {
      if (info.listId !== listId || ++page !== 3) return;
      // Between pages: members already read change (they move to the end), some are deleted, some archived,
      // and new ones join. Each removal before the read position shifts every later member one place left.
      const all = mailchimp.members(listId);
      for (const m of all.slice(0, 40)) mailchimp.updateMember(listId, m.id, { lastName: "Changed" });
      for (const m of all.slice(50, 80)) mailchimp.deleteMember(listId, m.id);
      for (const m of all.slice(80, 90)) mailchimp.archiveMember(listId, m.id);
      mailchimp.addMembers(listId, 25, { emailPrefix: `${listId}-late` });
    };
    const run = await sync(connection.id);
    expect(run.status).toBe("SUCCEEDED");
    await expectExact(listId, connection.id);
  });

  it("resumes a run killed after page k from its checkpoint and ends exact", async () => {
    const { listId, connection } = await newAudience(1000, { pageSize: 100 });
    const abort = new AbortController();
    let pages = 0;
    mailchimp.onMembersPage = (info) => {
      if (info.listId === listId && ++pages === 4) abort.abort(new Error("worker killed"));
    };
    const killed = await sync(connection.id, { signal: abort.signal });
    expect(killed.status).toBe("FAILED");
    // Three pages checkpointed before the kill: 100 members, then 80 new after each page's 20 anchors.
    expect(killed.fetched).toBe(260);
    const saved = await scope.get(Connection, connection.id, "connection");
    expect(saved.state.cursor).toMatchObject({ position: { offset: 260 } });

    mailchimp.onMembersPage = undefined;
    mailchimp.resetCounters();
    const resumed = await sync(connection.id);
    expect(resumed).toMatchObject({ status: "SUCCEEDED", fetched: 740, created: 740 });
    // The remaining 740 members at 80 new per page, not the whole list again; then, the first full listing
    // having been cut short, an id listing (one page of 1,000 holds them all) stands in for it to find deletions;
    // then the drift check's count.
    expect(mailchimp.membersCalls).toBe(Math.ceil(740 / 80) + 1 + 1);
    await expectExact(listId, connection.id);
  });

  it("survives 429 and 500 storms with retries", async () => {
    const { listId, connection } = await newAudience(1500, { pageSize: 250 });
    let page = 0;
    mailchimp.onMembersPage = (info) => {
      if (info.listId !== listId) return;
      if (++page === 2) mailchimp.failNext(3, 429, { retryAfterSeconds: 0 });
      if (page === 4) mailchimp.failNext(4, 503);
    };
    records.failNext(2, 500);
    const run = await sync(connection.id);
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 1500 });
    expect(run.apiCalls).toBeGreaterThanOrEqual(sourceCalls() - 1);
    await expectExact(listId, connection.id);
  });

  it("keeps to 10 simultaneous requests per API key across connections", async () => {
    mailchimp.latencyMs = 20;
    try {
      const audiences = await Promise.all(Array.from({ length: 14 }, () => newAudience(200, { pageSize: 50, withDestination: false })));
      const runs = await Promise.all(audiences.map((a) => sync(a.connection.id)));
      expect(runs.map((r) => r.status)).toEqual(runs.map(() => "SUCCEEDED"));
      expect(mailchimp.maxConcurrentByKey.get(KEY)).toBeLessThanOrEqual(10);
      for (const a of audiences) await expectExact(a.listId, a.connection.id, false);
    } finally {
      mailchimp.latencyMs = 0;
    }
  }, 60_000);

  it("counts a run failed only when its last attempt fails", async () => {
    const { listId, connection } = await newAudience(100);
    mailchimp.failNext(50, 500); // more than the HTTP client's own retries: this attempt fails
    const first = await sync(connection.id, { retryCount: 0, retryLimit: 2 });
    expect(first.status).toBe("QUEUED");
    mailchimp.failNext(0);
    const retried = await retry(first, 1, 2);
    expect(retried).toMatchObject({ status: "SUCCEEDED", created: 100 });
    const saved = await scope.get(Connection, connection.id, "connection");
    expect(saved.consecutiveFailures).toBe(0);
    await expectExact(listId, connection.id);
  });
});
