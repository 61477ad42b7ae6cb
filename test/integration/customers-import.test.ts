import fs from "node:fs";
import path from "node:path";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import { compareWithVerification, loadVerificationFile, VerifiedCustomer } from "../../src/services/customers/verification-csv";
import { AccountScope } from "../../src/db/account-scope";

const DATASETS = path.resolve(__dirname, "../../../shared/datasets/customerio");
const hasDatasets = fs.existsSync(path.join(DATASETS, "messages.1.data.gz"));
/** Set 2 (639,186 lines) runs in CI and `npm run test:full`; set 1 always. */
const sets = process.env.CI || process.env.CONFLUX_FULL ? ["1", "2"] : ["1"];

let t: TestConflux;
beforeAll(async () => {
  t = await startTestConflux();
});
afterAll(() => t.close());

async function importBody(body: string | Buffer, key = t.adminKey, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.baseUrl}/imports/activity`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson", ...headers },
    body,
  });
  return { status: res.status, result: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Reads the customers exactly as the published verification client does: per_page=10000 until an empty page. */
async function readLikeVerificationClient(key: string): Promise<VerifiedCustomer[]> {
  const all: VerifiedCustomer[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`${t.baseUrl}/customers?page=${page}&per_page=10000`, { headers: { authorization: `Bearer ${key}` } });
    if (res.status !== 200) throw new Error(`GET /customers page ${page}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { customers: { id: unknown; attributes: Record<string, string>; events: Record<string, number>; last_updated: unknown }[] };
    if (body.customers.length === 0) return all;
    for (const c of body.customers) {
      expect(typeof c.id).toBe("number");
      expect(c.events).not.toBeNull();
      expect(Number.isInteger(c.last_updated)).toBe(true);
      all.push({ id: String(c.id), attributes: c.attributes, events: c.events });
    }
  }
}

(hasDatasets ? describe : describe.skip)("published datasets", () => {
  for (const set of sets) {
    it(`ingests set ${set} through POST /imports/activity and matches verify.${set}.csv through the REST API`, async () => {
      const account = await t.newAccount(`dataset-${set}`, "MEMBER");
      const file = fs.readFileSync(path.join(DATASETS, `messages.${set}.data.gz`));
      const first = await importBody(file, account.key, { "content-encoding": "gzip" });
      expect(first.result.failure ?? null).toBeNull();
      expect(first.status).toBe(200);
      expect(first.result).toMatchObject({ status: "SUCCEEDED", errorCount: 0 });
      const expected = await loadVerificationFile(path.join(DATASETS, `verify.${set}.csv.gz`));
      const report = compareWithVerification(expected, await readLikeVerificationClient(account.key));
      expect(report.mismatches).toEqual([]);

      // Idempotent: the same file again applies nothing and changes nothing.
      const again = await importBody(file, account.key, { "content-encoding": "gzip" });
      expect(again.result).toMatchObject({ status: "SUCCEEDED", applied: 0, duplicates: first.result.applied + first.result.duplicates });
      expect(compareWithVerification(expected, await readLikeVerificationClient(account.key)).total).toBe(0);

      // The summaries rebuilt from the raw archive are the same.
      const scope = AccountScope.of(t.conflux.services.dataSource, account.accountId);
      const rebuilt = await t.conflux.services.activity.rebuild(scope);
      expect(rebuilt.customers).toBe(expected.length);
      expect(compareWithVerification(expected, await readLikeVerificationClient(account.key)).total).toBe(0);
    }, 600_000);
  }
});

describe("bad input in an import", () => {
  it("reports bad lines by number, applies the good ones, and leaves nothing half-written", async () => {
    const account = await t.newAccount("bad-lines", "MEMBER");
    const lines = [
      `{"id":"g1","type":"attributes","user_id":"1","data":{"email":"a@x.test"},"timestamp":10}`,
      `{"id":"g2","type":"event","name":"page","user_id":"1","data":{},"timestamp":11}`,
      `{not json`,
      `{"id":"x1","type":"mystery","user_id":"1","data":{},"timestamp":12}`,
      `{"id":"x2","type":"attributes","data":{"a":"b"},"timestamp":12}`,
      `{"id":"x3","type":"attributes","user_id":"1","data":"nope","timestamp":12}`,
      ``,
      `{"id":"g3","type":"event","name":"page","data":{},"timestamp":13}`,
      `{"id":"g4","type":"event","name":"page","user_id":"1","data":{},"timestamp":14}`,
    ];
    const { result } = await importBody(lines.join("\n"), account.key);
    expect(result).toMatchObject({ status: "SUCCEEDED", lines: 9, applied: 3, anonymous: 1, errorCount: 4 });
    expect(result.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6]);
    const customer = await (await fetch(`${t.baseUrl}/customers/1`, { headers: { authorization: `Bearer ${account.key}` } })).json();
    expect(customer).toMatchObject({ customer: { id: 1, attributes: { email: "a@x.test" }, events: { page: 2 }, last_updated: 14 } });
  });

  it("counts every bad line but lists the first 100", async () => {
    const account = await t.newAccount("many-bad", "MEMBER");
    const body = Array.from({ length: 150 }, (_, i) => `bad line ${i}`).join("\n");
    const { result } = await importBody(body, account.key);
    expect(result.errorCount).toBe(150);
    expect(result.errors).toHaveLength(100);
    expect(result.errors[99].line).toBe(100);
  });

  it("applies nothing of an import that fails, and records why, though chunks of it were archived", async () => {
    const account = await t.newAccount("failing", "MEMBER");
    const scope = AccountScope.of(t.conflux.services.dataSource, account.accountId);
    // More than two chunks of the service's (20,000 items) reach the archive before the stream breaks.
    async function* brokenStream() {
      for (let chunk = 0; chunk < 5; chunk++) {
        const lines = Array.from({ length: 10_000 }, (_, i) => {
          const n = chunk * 10_000 + i;
          return `{"id":"f${n}","type":"attributes","user_id":"${n % 500}","data":{"email":"f${n}@x.test"},"timestamp":${n}}\n`;
        });
        yield Buffer.from(lines.join(""));
      }
      throw new Error("connection reset by peer");
    }
    const result = await t.conflux.services.activity.importStream(scope, "test", brokenStream());
    expect(result).toMatchObject({ status: "FAILED", failure: "connection reset by peer", applied: 0, lines: 50_000 });
    expect(await t.conflux.services.customers.exportAll(scope)).toEqual([]);
    const [record] = await scope.query<{ status: string; failure: string }>(`SELECT status, failure FROM activity_import WHERE account_id = $1 AND id = $2`, [result.importId]);
    expect(record).toEqual({ status: "FAILED", failure: "connection reset by peer" });
    const [{ n }] = await scope.query<{ n: string }>(`SELECT count(*)::text AS n FROM customer_event WHERE account_id = $1`);
    expect(n).toBe("0");
  });
});
