import http from "node:http";
import { print } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { AccountScope } from "../../src/db/account-scope";
import { ManualClock } from "../../src/clock";
import { workAlertNotifications } from "../../src/jobs/handlers/alert-notify";
import { Queues } from "../../src/jobs/queue";
import { z } from "zod";
import { FakeMailchimp } from "../fakes/mailchimp";
import { ConnectorRegistry, defaultRegistry } from "../../src/connectors/registry";
import type { ConnectorPlugin } from "../../src/connectors/contract";
import { eventually, startTestConflux, TestConflux } from "../helpers/test-conflux";
import {
  AlertChangedDocument,
  AlertChangedSubscription,
  AlertsDocument,
  ConnectionFreshnessDocument,
  RegisterSyncConnectionDocument,
} from "../generated/graphql";

/**
 * Freshness and alerting: alerts open on conditions that lasted (failures after the queue's retries, lag past
 * its grace period), once per connection and kind, resolve themselves, and reach a webhook.
 */

const KEY = "feedfacefeedfacefeedfacefeedface-us2";
const clock = new ManualClock(new Date("2026-03-01T12:00:00Z"));
let t: TestConflux;
let mailchimp: FakeMailchimp;
let mailchimpUrl: string;
let scope: AccountScope;
const webhookEvents: { event: string; alert: { kind: string; connectionId: string; status: string } }[] = [];
let webhook: http.Server;
let listCounter = 0;

/** A source whose count disagrees with its listing by `miscount`: the drift no reconciliation can fix. */
let miscount = 0;
const sourceIds = ["a", "b", "c"];
const miscountingSource: ConnectorPlugin = {
  kind: "miscounting",
  displayName: "Miscounting source",
  description: "Lists three records and counts them wrongly on demand",
  configSchema: z.object({}),
  secretSchema: z.object({}),
  test: async () => ({ ok: true, message: "ok" }),
  async *read() {
    yield { records: sourceIds.map((id) => ({ id, data: { email: `${id}@example.com` }, facet: "subscribed" })), cursor: { done: true } };
  },
  async *listIds() {
    yield sourceIds;
  },
  count: async (_ctx, detail) => ({ total: sourceIds.length + miscount, ...(detail ? { byFacet: { subscribed: sourceIds.length + miscount } } : {}) }),
};

beforeAll(async () => {
  webhook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      webhookEvents.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(webhook.address() as { port: number }).port}/alerts`;
  const registry = new ConnectorRegistry([...defaultRegistry().list(), miscountingSource]);
  t = await startTestConflux({ clock, registry, env: { CONFLUX_ALERT_WEBHOOK_URL: webhookUrl }, syncHttp: { retries: 3, backoffMs: 5 } });
  await workAlertNotifications(t.conflux.queue, webhookUrl, 0.5);
  mailchimp = new FakeMailchimp({ keys: [KEY], now: () => clock.now() });
  mailchimpUrl = await mailchimp.start();
  scope = AccountScope.of(t.conflux.services.dataSource, t.defaultAccountId);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await mailchimp?.stop();
  await new Promise((resolve) => webhook?.close(resolve));
});

async function newConnection(options: { lagThreshold?: number; alertGraceSeconds?: number; failuresBeforeAlert?: number; listExists?: boolean } = {}) {
  const listId = `alist${++listCounter}`;
  if (options.listExists !== false) {
    mailchimp.addList(listId);
    mailchimp.addMembers(listId, 30, { emailPrefix: listId });
  }
  const res = await t.gql(RegisterSyncConnectionDocument, {
    kind: "mailchimp",
    name: `alerts-${listId}`,
    config: { listId, baseUrl: mailchimpUrl },
    secret: { apiKey: KEY },
    lagThreshold: options.lagThreshold ?? 3600,
    alertGraceSeconds: options.alertGraceSeconds ?? 600,
    failuresBeforeAlert: options.failuresBeforeAlert ?? 2,
  });
  expect(res.errors).toBeUndefined();
  return { listId, id: res.data!.registerConnection.id };
}

async function sync(connectionId: string, attempt = { retryCount: 0, retryLimit: 0 }, runId?: string) {
  advance(1); // runs are ordered by when they were queued
  const id = runId ?? (await t.conflux.services.connections.triggerSync(scope, connectionId)).id;
  await t.conflux.runner.run({ runId: id, accountId: t.defaultAccountId, connectionId }, attempt).catch(() => undefined);
  return id;
}

async function alertsOf(connectionId: string) {
  const res = await t.gql(AlertsDocument, { connectionId });
  return res.data!.alerts;
}

/** Alert events a key's subscriber receives over graphql-ws. */
async function watchAlerts(key: string) {
  const events: AlertChangedSubscription["alertChanged"][] = [];
  let onConnected!: () => void;
  const connected = new Promise<void>((r) => (onConnected = r));
  const client = createClient({
    url: `${t.baseUrl.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    on: { connected: () => onConnected() },
  });
  client.subscribe<AlertChangedSubscription>(
    { query: print(AlertChangedDocument) },
    { next: (msg) => msg.data && events.push(msg.data.alertChanged), error: () => undefined, complete: () => undefined },
  );
  await connected;
  // The subscription is registered just after the connection is acknowledged.
  await new Promise((r) => setTimeout(r, 200));
  return { events, close: () => client.dispose() };
}

const advance = (seconds: number) => clock.set(new Date(clock.now().getTime() + seconds * 1000));

describe("alerts", () => {
  it("opens exactly one FAILING alert after consecutive failed runs and resolves it when fixed", async () => {
    const mine = await watchAlerts(t.adminKey);
    const stranger = await watchAlerts((await t.newAccount("alert-stranger")).key);
    const { listId, id } = await newConnection({ listExists: false, failuresBeforeAlert: 2 });
    await sync(id); // 404: the audience does not exist
    expect(await alertsOf(id)).toEqual([]);
    await sync(id);
    await sync(id);
    const open = await alertsOf(id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: "FAILING", status: "OPEN", reason: "2 consecutive sync runs failed" });

    mailchimp.addList(listId);
    await sync(id);
    const after = await alertsOf(id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ kind: "FAILING", status: "RESOLVED" });
    const delivered = await eventually(async () => {
      const mine = webhookEvents.filter((e) => e.alert.connectionId === id);
      return mine.length >= 2 && mine;
    });
    expect(delivered.map((e) => `${e.event} ${e.alert.kind}`)).toEqual(["alert.opened FAILING", "alert.resolved FAILING"]);
    const streamed = await eventually(async () => {
      const events = mine.events.filter((e) => e.connectionId === id);
      return events.length >= 2 && events;
    });
    expect(streamed.map((e) => `${e.kind} ${e.status}`)).toEqual(["FAILING OPEN", "FAILING RESOLVED"]);
    expect(stranger.events).toEqual([]); // another account's subscriber hears nothing of it
    await mine.close();
    await stranger.close();
  });

  it("raises nothing for an error that a retry fixes", async () => {
    const { id } = await newConnection({ failuresBeforeAlert: 1 });
    mailchimp.failNext(2, 503); // within the HTTP client's own retries
    await sync(id);
    mailchimp.failNext(20, 500); // beyond them: this attempt fails, the queue would retry the run
    const runId = await sync(id, { retryCount: 0, retryLimit: 2 });
    mailchimp.failNext(0);
    await sync(id, { retryCount: 1, retryLimit: 2 }, runId);
    const res = await t.gql(ConnectionFreshnessDocument, { id });
    expect(res.data!.connection).toMatchObject({ consecutiveFailures: 0, lastRun: { status: "SUCCEEDED" } });
    expect(res.data!.connection.lastRun!.durationMs).toBeGreaterThanOrEqual(0);
    expect(await alertsOf(id)).toEqual([]);
  });

  it("opens LAGGING only once lag has outlasted the grace period, and resolves it on catching up", async () => {
    const { id } = await newConnection({ lagThreshold: 3600, alertGraceSeconds: 600 });
    await sync(id);
    const { alerts } = t.conflux.services;
    advance(3000); // within the threshold
    await alerts.evaluateLag();
    advance(900); // 300 s over the threshold: lagging, but not for the grace period yet
    await alerts.evaluateLag();
    let fresh = await t.gql(ConnectionFreshnessDocument, { id });
    expect(fresh.data!.connection.syncedRecords.freshness).toMatchObject({ health: "LAGGING", lagSeconds: 3900 });
    expect(await alertsOf(id)).toEqual([]);
    advance(601);
    await alerts.evaluateLag();
    await alerts.evaluateLag(); // evaluations repeat: still one alert
    const open = await alertsOf(id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: "LAGGING", status: "OPEN" });

    await sync(id);
    fresh = await t.gql(ConnectionFreshnessDocument, { id });
    expect(fresh.data!.connection.syncedRecords).toMatchObject({
      count: 30,
      byFacet: [{ facet: "subscribed", count: 30 }],
      freshness: { health: "HEALTHY", lagSeconds: 0, syncedThrough: clock.now().toISOString() },
    });
    expect((await alertsOf(id))[0]).toMatchObject({ kind: "LAGGING", status: "RESOLVED" });
  });

  it("opens DRIFT when held records differ from the source after a reconciliation, and resolves it when they agree", async () => {
    const connection = await t.conflux.services.connections.register(scope, { kind: "miscounting", name: "miscounting", config: {} });
    await sync(connection.id);
    expect(await alertsOf(connection.id)).toEqual([]);
    miscount = 2;
    await sync(connection.id);
    await sync(connection.id); // still one alert
    const res = await t.gql(ConnectionFreshnessDocument, { id: connection.id });
    expect(res.data!.connection.lastRun).toMatchObject({
      status: "SUCCEEDED",
      reconciled: true,
      drift: { source: { total: 5, byFacet: { subscribed: 5 } }, held: { total: 3, byFacet: { subscribed: 3 } } },
    });
    const open = await alertsOf(connection.id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: "DRIFT", status: "OPEN" });
    expect(open[0].reason).toBe("the source lists 5 records, Conflux holds 3, after a reconciliation (subscribed: source 5, held 3)");
    miscount = 0;
    await sync(connection.id);
    expect((await alertsOf(connection.id))[0]).toMatchObject({ kind: "DRIFT", status: "RESOLVED" });
  });

  it("fails a run whose job the queue lost, so the connection is not blocked forever", async () => {
    const lost = await newConnection();
    const waiting = await newConnection();
    const lostRun = await t.conflux.services.connections.triggerSync(scope, lost.id);
    const waitingRun = await t.conflux.services.connections.triggerSync(scope, waiting.id);
    const schema = (t.conflux.queue as unknown as { options: { schema: string } }).options.schema;
    await t.conflux.services.dataSource.query(`DELETE FROM ${schema}.job WHERE singleton_key = $1`, [lostRun.id]);
    expect(await t.conflux.scheduler.failLostRuns(600)).toBe(0); // too recent to judge
    advance(601);
    expect(await t.conflux.scheduler.failLostRuns(600)).toBe(1);
    expect(await t.conflux.services.connections.runs(scope, lost.id)).toMatchObject([{ id: lostRun.id, status: "FAILED" }]);
    expect(await t.conflux.services.connections.runs(scope, waiting.id)).toMatchObject([{ id: waitingRun.id, status: "QUEUED" }]);
    const next = await t.conflux.services.connections.triggerSync(scope, lost.id);
    expect(next.id).not.toBe(lostRun.id);
  });

  it("alerts once when the queue stops draining, and resolves when it drains", async () => {
    const { id } = await newConnection();
    await t.conflux.services.connections.triggerSync(scope, id); // queued; no worker consumes it here
    const { alerts } = t.conflux.services;
    const stalled = await t.conflux.queue.overdue(Queues.CONNECTION_SYNC, 0);
    expect(stalled.count).toBeGreaterThan(0);
    await alerts.evaluateQueue(stalled, 0);
    await alerts.evaluateQueue(stalled, 0);
    const open: { kind: string }[] = await t.conflux.services.dataSource.query(
      `SELECT kind FROM alert WHERE kind = 'QUEUE_STALLED' AND status = 'OPEN'`,
    );
    expect(open).toHaveLength(1);
    await alerts.evaluateQueue({ count: 0, oldestDueAt: null }, 0);
    const left = await t.conflux.services.dataSource.query(`SELECT kind FROM alert WHERE kind = 'QUEUE_STALLED' AND status = 'OPEN'`);
    expect(left).toHaveLength(0);
  });
});
