import "reflect-metadata";
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { Pool } from "undici";
import { AccountScope } from "../src/db/account-scope";
import { expectedPerson, PersonInput, VendorOptions, VendorStats } from "../test/fakes/enrichment-vendor";
import { envCount, startConflux } from "./lib/servers";
import { figure, printTable } from "./lib/report";
import { machineBusySeconds, postgresCpuSeconds } from "./lib/measure";

/**
 * Enrichment throughput: BENCH_ENRICHMENT_RECORDS (100,000) contacts through a waterfall of two fake vendors (the
 * batch API of test/fakes/enrichment-vendor.ts, each a process of its own, 20 ms a call, at most 100 contacts a
 * call, each knowing a different 70% of people), submitted over REST in BENCH_ENRICHMENT_REQUESTS (10) requests
 * under one erid, enriched by the workers of this process (on PostgreSQL with DATABASE_URL).
 *
 * - records/s: contacts divided by the time from the first request to `completed` received by a graphql-ws
 *   subscriber, against the floor: the same vendors asked directly for the same contacts (vendor A with every
 *   contact, B with those A did not know, in full batches, as many calls in flight as Conflux allows) — what the
 *   vendors' latency and batch size permit, with no database at all. Target ≥ 5,000 records/s.
 * - vendor calls: calls the vendors answered, against the minimum (ceil(contacts / 100) of A, plus
 *   ceil(contacts A lacked / 100) of B). Target within 5%.
 * - completion delivery: from the response to the last request to the subscriber's `completed` event (the
 *   backlog of batches still to enrich, then the notification), and from the statement that completed the
 *   transaction to the subscriber (the notification alone).
 */
const BENCH = "enrichment";
const RECORDS = envCount("BENCH_ENRICHMENT_RECORDS", 100_000);
const REQUESTS = envCount("BENCH_ENRICHMENT_REQUESTS", 10);
const BATCH = 100;
const IN_FLIGHT = 8;

function contact(i: number) {
  return { first_name: `first${i}`, last_name: `last${i % 1009}`, company_domain: `company${i % 997}.example`, record_id: `r${i}` };
}

/** A vendor fake in a process of its own (dist/test/fakes/enrichment-vendor-process.js). */
interface Vendor {
  url: string;
  apiKey: string;
  knows(person: PersonInput): boolean;
  stats(): Promise<VendorStats>;
  reset(): Promise<void>;
  close(): void;
}

async function startVendor(options: Partial<VendorOptions> & { seed: string; coverage: number }): Promise<Vendor> {
  const script = path.resolve(__dirname, "../test/fakes/enrichment-vendor-process.js");
  const child = spawn(process.execPath, [script, JSON.stringify(options)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string);
  const { url } = await next();
  const fieldCoverage = options.fieldCoverage ?? { work_email: 1 };
  const ask = async (command: string) => {
    child.stdin!.write(`${command}\n`);
    return next();
  };
  return {
    url,
    apiKey: "vendor-key",
    knows: (person) => expectedPerson(options.seed, options.coverage, fieldCoverage, person) !== null,
    stats: () => ask("stats"),
    reset: async () => void (await ask("reset")),
    close: () => child.kill("SIGTERM"),
  };
}

function vendorConfig(vendor: Vendor) {
  return {
    url: `${vendor.url}/v1/people/enrich`,
    headers: { "x-api-key": "{{apiKey}}" },
    body: { requests: "{{records}}" },
    record: { ref: "{{ref}}", first_name: "{{first_name}}", last_name: "{{last_name}}", company_domain: "{{company_domain}}" },
    response: { items: "responses", ref: "ref", found: { path: "status", equals: 200 }, fields: { professional_email: "data.work_email" } },
    batchSize: BATCH,
    ratePerSecond: 5000,
    concurrency: IN_FLIGHT,
  };
}

/** The floor: the vendors asked directly, full batches, IN_FLIGHT calls at a time. */
async function direct(a: Vendor, b: Vendor, contacts: ReturnType<typeof contact>[]): Promise<number> {
  const started = performance.now();
  const ask = async (vendor: Vendor, people: typeof contacts) => {
    const pool = new Pool(vendor.url, { connections: IN_FLIGHT });
    const missed: typeof contacts = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < people.length) {
          const batch = people.slice(next, (next += BATCH));
          const res = await pool.request({
            method: "POST",
            path: "/v1/people/enrich",
            headers: { "content-type": "application/json", "x-api-key": vendor.apiKey },
            body: JSON.stringify({ requests: batch.map((c, ref) => ({ ref: String(ref), ...c })) }),
          });
          const body = (await res.body.json()) as { responses: { status: number }[] };
          body.responses.forEach((r, i) => r.status !== 200 && missed.push(batch[i]));
        }
      }),
    );
    await pool.close();
    return missed;
  };
  await ask(b, await ask(a, contacts));
  return performance.now() - started;
}

async function main() {
  const a = await startVendor({ seed: "bench-a", latencyMs: 20, maxBatch: BATCH, ratePerSecond: 10_000, coverage: 0.7 });
  const b = await startVendor({ seed: "bench-b", latencyMs: 20, maxBatch: BATCH, ratePerSecond: 10_000, coverage: 0.7 });
  const target = await startConflux();
  const { conflux } = target;
  process.stderr.write(`${BENCH}: ${RECORDS} records in ${REQUESTS} requests on ${target.database}\n`);
  try {
    const { account, issued } = await conflux.services.accounts.ensureDefaultAccount();
    const scope = AccountScope.of(conflux.services.dataSource, account.id);
    const providers = [];
    for (const [name, vendor] of [["vendor a", a], ["vendor b", b]] as const) {
      providers.push(await conflux.services.connections.register(scope, { kind: "http-enrichment", name, config: vendorConfig(vendor), secret: { apiKey: vendor.apiKey } }));
    }
    await conflux.services.enrichment.setWaterfall(scope, providers.map((p) => p.id));
    await conflux.start({ workers: true });

    const contacts = Array.from({ length: RECORDS }, (_, i) => contact(i));
    const missedByA = contacts.filter((c) => !a.knows(c));
    const minimumCalls = Math.ceil(contacts.length / BATCH) + Math.ceil(missedByA.length / BATCH);
    const floorMs = await direct(a, b, contacts);
    await a.reset();
    await b.reset();

    const erid = `bench-${Date.now()}`;
    const client = createClient({ url: `${target.url.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${issued!.key}` } });
    let completedAt = 0;
    let deliveredAtMs = 0;
    const delivered = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: `subscription ($erid: String!) { enrichmentCompleted(erid: $erid) { status received enriched notFound failed } }`, variables: { erid } },
        { next: () => ((completedAt = performance.now()), (deliveredAtMs = Date.now())), error: reject, complete: () => resolve() },
      );
    });
    await new Promise((r) => setTimeout(r, 300)); // the subscription is registered

    const cpuBefore = process.cpuUsage();
    const busyBefore = machineBusySeconds();
    const pgBefore = postgresCpuSeconds();
    const started = performance.now();
    const per = Math.ceil(RECORDS / REQUESTS);
    for (let i = 0; i < RECORDS; i += per) {
      const res = await fetch(`${target.url}/v2/enriched_data`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${issued!.key}` },
        body: JSON.stringify({ erid, contact_list: contacts.slice(i, i + per), fields_to_be_enriched: ["professional_email"], number_of_records: RECORDS }),
      });
      if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
    const lastIn = performance.now();
    await delivered;
    await client.dispose();
    const tx = await conflux.services.enrichment.get(scope, erid);
    if (tx.status !== "completed" || tx.received !== RECORDS || tx.enriched + tx.notFound + tx.failed !== RECORDS) {
      throw new Error(`transaction ended ${JSON.stringify(tx)}`);
    }
    const expectedEnriched = contacts.filter((c) => a.knows(c) || b.knows(c)).length;
    if (tx.enriched !== expectedEnriched) throw new Error(`enriched ${tx.enriched}, the vendors know ${expectedEnriched}`);

    const seconds = (completedAt - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const busy = (machineBusySeconds() ?? 0) - (busyBefore ?? 0);
    const pg = (postgresCpuSeconds() ?? 0) - (pgBefore ?? 0);
    process.stderr.write(
      `${BENCH}: ${seconds.toFixed(1)} s: this process (server and workers) used ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU, PostgreSQL ${pg.toFixed(1)} s, ` +
        `the whole machine ${busy.toFixed(1)} s of ${(seconds * 2).toFixed(1)} core-seconds\n`,
    );
    figure(BENCH, "records/s, submit to completed delivered", RECORDS / seconds, "records/s", { against: "vendors asked directly", value: RECORDS / (floorMs / 1000) });
    const calls = (await a.stats()).calls + (await b.stats()).calls;
    figure(BENCH, "vendor calls", calls, "calls", { against: "minimum", value: minimumCalls });
    figure(BENCH, "submit, 10 requests", lastIn - started, "ms");
    figure(BENCH, "last record in to completed delivered", completedAt - lastIn, "ms");
    // completed_at is the time of the statement that finished the last records: from it to the subscriber is the
    // notification path alone (commit, NOTIFY, LISTEN, graphql-ws).
    figure(BENCH, "completing write to subscriber", deliveredAtMs - tx.completedAt!.getTime(), "ms");
    printTable();
  } finally {
    await target.close();
    a.close();
    b.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${BENCH}: ${err?.stack ?? err}\n`);
  process.exit(1);
});
