import { Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { print } from "graphql";
import { eventually, startTestConflux, TestConflux } from "../helpers/test-conflux";
import { FakeJsonSource } from "../fakes/json-source";
import {
  ConnectionDocument,
  RegisterConnectionDocument,
  SyncRunUpdatedDocument,
  SyncRunUpdatedSubscription,
  TriggerSyncDocument,
} from "../generated/graphql";
import { ManualClock } from "../../src/clock";
import { Scheduler } from "../../src/jobs/scheduler";

let t: TestConflux;
let source: FakeJsonSource;
let sourceUrl: string;
beforeAll(async () => {
  source = new FakeJsonSource();
  sourceUrl = await source.start();
  t = await startTestConflux({ workers: true });
  // Retries quickly so the test exercises them without waiting minutes.
  await t.conflux.queue.boss.updateQueue("connection-sync", { name: "connection-sync", retryLimit: 2, retryDelay: 1, retryBackoff: false });
});
afterAll(async () => {
  await t.close();
  await source.stop();
});

async function register(name: string) {
  const res = await t.gql(RegisterConnectionDocument, { kind: "http-json", name, config: { url: `${sourceUrl}?connection=${name}` } });
  return res.data!.registerConnection;
}

function subscribe(connectionId: string): { client: Client; events: SyncRunUpdatedSubscription["syncRunUpdated"][]; ready: Promise<void> } {
  const events: SyncRunUpdatedSubscription["syncRunUpdated"][] = [];
  let onConnected!: () => void;
  const ready = new Promise<void>((r) => (onConnected = r));
  const client = createClient({
    url: `${t.baseUrl.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${t.adminKey}` },
    on: { connected: () => onConnected() },
  });
  client.subscribe<SyncRunUpdatedSubscription>(
    { query: print(SyncRunUpdatedDocument), variables: { connectionId } },
    { next: (msg) => msg.data && events.push(msg.data.syncRunUpdated), error: () => undefined, complete: () => undefined },
  );
  return { client, events, ready };
}

describe("sync runs through the durable queue", () => {
  it("runs a triggered sync end to end and streams its status over graphql-ws", async () => {
    source.records = [{ id: 1, name: "a" }, { id: 2, name: "b" }, { id: 3, name: "c" }];
    const connection = await register("ok-source");
    const sub = subscribe(connection.id);
    await sub.ready;
    // Subscription registration races the first mutation; wait until the server holds the subscription.
    await new Promise((r) => setTimeout(r, 200));
    const run = (await t.gql(TriggerSyncDocument, { id: connection.id })).data!.triggerSync;
    expect(run.status).toBe("QUEUED");

    const done = await eventually(async () => sub.events.find((e) => e.id === run.id && e.status === "SUCCEEDED"));
    expect(done).toMatchObject({ fetched: 3, apiCalls: 1, error: null, attempts: 1 });
    expect(sub.events.map((e) => e.status)).toEqual(expect.arrayContaining(["RUNNING", "SUCCEEDED"]));
    await sub.client.dispose();

    const read = await t.gql(ConnectionDocument, { id: connection.id });
    expect(read.data?.connection.health).toBe("HEALTHY");
    expect(read.data?.connection.syncedThrough).not.toBeNull();
    expect(read.data?.connection.lastRun?.id).toBe(run.id);
  });

  it("does not queue a second run while one is active", async () => {
    const connection = await register("once-at-a-time");
    const [a, b] = await Promise.all([
      t.gql(TriggerSyncDocument, { id: connection.id }),
      t.gql(TriggerSyncDocument, { id: connection.id }),
    ]);
    expect(a.data!.triggerSync.id).toBe(b.data!.triggerSync.id);
  });

  it("retries a failing job and finally records the run as FAILED with its error", async () => {
    const connection = await register("broken-source");
    source.failNext = 1000; // every call fails, retries included
    source.failStatus = 404; // not retried inside the HTTP client, so each job attempt fails once
    const run = (await t.gql(TriggerSyncDocument, { id: connection.id })).data!.triggerSync;
    const failed = await eventually(async () => {
      const res = await t.gql(ConnectionDocument, { id: connection.id });
      const last = res.data?.connection.runs.find((r) => r.id === run.id);
      return last?.status === "FAILED" ? last : null;
    }, 30_000);
    source.failNext = 0;
    expect(failed.attempts).toBe(3); // first try + retryLimit 2
    expect(source.callsByUrl.get("/records?connection=broken-source")).toBe(3);
    expect(failed.error).toMatch(/HTTP 404/);
    expect(failed.finishedAt).not.toBeNull();
    const res = await t.gql(ConnectionDocument, { id: connection.id });
    expect(res.data?.connection.health).toBe("FAILING");
  });
});

describe("scheduler", () => {
  it("fires a due connection once even with two schedulers on one database", async () => {
    const clock = new ManualClock(new Date());
    const { connections } = t.conflux.services;
    const res = await t.gql(RegisterConnectionDocument, { kind: "http-json", name: "hourly", config: { url: sourceUrl }, schedule: "0 * * * *" });
    const id = res.data!.registerConnection.id;
    const nextSyncAt = new Date(res.data!.registerConnection.nextSyncAt!);

    const logger = t.conflux.logger;
    const { dataSource, alerts } = t.conflux.services;
    const options = { jitterSeconds: 0, queueStallSeconds: 300 };
    const schedulers = [0, 1].map(() => new Scheduler(dataSource, connections, alerts, t.conflux.queue, clock, logger, options));
    clock.set(new Date(nextSyncAt.getTime() - 1000));
    expect(await Promise.all(schedulers.map((s) => s.tick()))).toEqual([0, 0]); // not due yet

    clock.set(new Date(nextSyncAt.getTime() + 1000));
    const queued = await Promise.all(schedulers.map((s) => s.tick()));
    expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
    const runs = await t.conflux.services.dataSource.query(`SELECT trigger FROM sync_run WHERE connection_id = $1`, [id]);
    expect(runs).toEqual([{ trigger: "SCHEDULE" }]);
    const [row] = await t.conflux.services.dataSource.query(`SELECT next_sync_at FROM connection WHERE id = $1`, [id]);
    expect(new Date(row.next_sync_at).getTime()).toBe(nextSyncAt.getTime() + 3600_000);
  });
});
