import fs from "node:fs";
import path from "node:path";
import { generateActivity } from "../../bench/generate-activity";
import { ActivityItem, parseActivityLine } from "../../src/services/customers/activity-item";
import {
  createInMemorySummary,
  CustomerSummary,
  summariseInMemory,
  toCustomerSummaries,
} from "../../src/services/customers/in-memory-summariser";
import { openActivityFile, readLines } from "../../src/services/customers/line-reader";
import { compareWithVerification, loadVerificationFile } from "../../src/services/customers/verification-csv";

const DATASETS = path.resolve(__dirname, "../../../shared/datasets/customerio");

async function* bytes(text: string, chunkSize = 1 << 16): AsyncGenerator<Buffer> {
  const all = Buffer.from(text, "utf8");
  for (let i = 0; i < all.length; i += chunkSize) yield all.subarray(i, i + chunkSize);
}
const linesOf = (...items: unknown[]) => items.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join("\n");
const attrs = (user: string | number, ts: number, data: Record<string, unknown>, id = `a-${user}-${ts}-${JSON.stringify(data)}`) =>
  ({ type: "attributes", id, user_id: user, timestamp: ts, data });
const ev = (user: string | number | undefined, name: string, id: string, ts = 100) => ({ type: "event", id, name, user_id: user, timestamp: ts, data: {} });

async function summaries(text: string): Promise<CustomerSummary[]> {
  return toCustomerSummaries(await summariseInMemory(readLines(bytes(text))));
}

describe("summariseInMemory", () => {
  it("keeps per attribute the value with the greatest timestamp, whatever the line order", async () => {
    const [c] = await summaries(linesOf(
      attrs("1", 200, { city: "new", email: "new@x" }),
      attrs("1", 100, { city: "stale", plan: "only-here" }), // older, arrives later: loses city, still sets plan
      attrs("1", 150, { email: "stale@x" }),
    ));
    expect(c.attributes).toEqual({ city: "new", email: "new@x", plan: "only-here" });
  });

  it("gives a tie to the line that arrives later", async () => {
    const [c] = await summaries(linesOf(attrs("1", 100, { city: "first" }), attrs("1", 100, { city: "second" })));
    expect(c.attributes.city).toBe("second");
    const [d] = await summaries(linesOf(attrs("1", 100, { city: "second" }), attrs("1", 100, { city: "first" })));
    expect(d.attributes.city).toBe("first");
  });

  it("removes an attribute with a newer null, and an older value cannot revive it", async () => {
    const [c] = await summaries(linesOf(
      attrs("1", 100, { email: "a@x", city: "Paris" }),
      attrs("1", 200, { email: null }),
      attrs("1", 150, { email: "stale@x" }),
      attrs("1", 50, { city: null }), // an older removal does not remove
    ));
    expect(c.attributes).toEqual({ city: "Paris" });
    const [d] = await summaries(linesOf(attrs("1", 200, { email: null }), attrs("1", 300, { email: "back@x" })));
    expect(d.attributes).toEqual({ email: "back@x" });
  });

  it("counts distinct event ids per customer and name, duplicates within and across files once", async () => {
    const summary = await summariseInMemory(readLines(bytes(linesOf(
      ev("1", "page", "e1"), ev("1", "page", "e1"), ev("1", "page", "e2"), ev("1", "buy", "e3"), ev("2", "page", "e1"),
    ))));
    expect(summary.duplicateEvents).toBe(1);
    await summariseInMemory(readLines(bytes(linesOf(ev("1", "page", "e2"), ev("1", "page", "e4")))), summary);
    expect(summary.duplicateEvents).toBe(2);
    expect(summary.lines).toBe(7);
    const [one, two] = toCustomerSummaries(summary);
    expect(one.events).toEqual({ page: 3, buy: 1 });
    expect(two.events).toEqual({ page: 1 });
  });

  it("treats 42 and \"42\" as one customer", async () => {
    const all = await summaries(linesOf(attrs(42, 1, { a: "x" }), ev("42", "page", "e1")));
    expect(all).toEqual([{ id: "42", attributes: { a: "x" }, events: { page: 1 }, lastUpdated: 100 }]);
  });

  it("skips anonymous events and blank lines, reports bad lines by number and still applies the good ones", async () => {
    const summary = await summariseInMemory(readLines(bytes(linesOf(
      ev("1", "page", "e1"),
      "",
      ev(undefined, "page", "anon"),
      "{broken",
      attrs("1", 5, { a: "x" }),
      "   ",
      { ...ev("1", "page", "e2"), timestamp: "soon" },
      ev("1", "page", "e3"),
    ))));
    expect(summary.lines).toBe(8);
    expect(summary.anonymous).toBe(1);
    expect(summary.errorCount).toBe(2);
    expect(summary.errors.map((e) => e.line)).toEqual([4, 7]);
    expect(summary.errors[1].reason).toBe('timestamp must be a number (got "soon")');
    expect(toCustomerSummaries(summary)).toEqual([{ id: "1", attributes: { a: "x" }, events: { page: 2 }, lastUpdated: 100 }]);
  });

  it("sets lastUpdated to the greatest timestamp of any item; events {} and attributes {} when there are none", async () => {
    const all = await summaries(linesOf(attrs("2", 300, { a: "x" }), attrs("2", 200, { a: "y" }), ev("10", "page", "e1", 50)));
    expect(all).toEqual([
      { id: "10", attributes: {}, events: { page: 1 }, lastUpdated: 50 },
      { id: "2", attributes: { a: "x" }, events: {}, lastUpdated: 300 },
    ]);
  });
});

describe("summariseInMemory on generated activity", () => {
  const options = { lines: 6000, users: 40, seed: 7, badLines: true };
  let text: string;
  beforeAll(async () => {
    const lines: string[] = [];
    for await (const line of generateActivity(options)) lines.push(line);
    text = lines.join("\n");
  });

  it("is deterministic for a seed and different for another", async () => {
    const again: string[] = [];
    for await (const line of generateActivity(options)) again.push(line);
    expect(again.join("\n")).toBe(text);
    const other: string[] = [];
    for await (const line of generateActivity({ ...options, seed: 8 })) other.push(line);
    expect(other.join("\n")).not.toBe(text);
    expect(again).toHaveLength(options.lines);
  });

  it("contains the nasty cases it promises", () => {
    const lines = text.split("\n");
    const items = lines.map((l, i) => parseActivityLine(l, i + 1));
    const valid = items.filter((p): p is ActivityItem => p !== null && p !== "anonymous" && !("reason" in p));
    expect(items.filter((p) => p === "anonymous").length).toBeGreaterThan(10);
    expect(items.filter((p) => p === null).length).toBeGreaterThan(0);
    expect(items.filter((p) => p !== null && typeof p === "object" && "reason" in p).length).toBeGreaterThan(5);
    expect(items.some((p) => p !== null && typeof p === "object" && "reason" in p && /NUL/.test(p.reason))).toBe(true);
    expect(new Set(lines.filter((l) => l.includes('"type":"event"'))).size).toBeLessThan(lines.filter((l) => l.includes('"type":"event"')).length);
    expect(lines.some((l) => /"user_id":\d/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes("\\u0026"))).toBe(true);
    expect(lines.some((l) => l.length > 1024)).toBe(true);
    const attributeItems = valid.filter((i) => i.kind === "attributes");
    const values = attributeItems.flatMap((i) => Object.values(i.data));
    const keys = attributeItems.flatMap((i) => Object.keys(i.data));
    expect(values).toContain(null);
    expect(values.some((v) => v !== null && /[\u4e00-\u9fff]/.test(v))).toBe(true);
    expect(values.some((v) => v !== null && /\p{Extended_Pictographic}/u.test(v))).toBe(true);
    expect(keys.some((k) => k.includes(" "))).toBe(true);
    expect(keys.some((k) => k.includes("-"))).toBe(true);
    expect(keys.some((k) => /\u0301/.test(k))).toBe(true);
    // Per (user, key): a tie, and a line older than one seen before it.
    const seen = new Map<string, number>();
    let ties = 0;
    let stale = 0;
    for (const item of attributeItems) {
      for (const key of Object.keys(item.data)) {
        const slot = `${item.userId}\u0000${key}`;
        const last = seen.get(slot);
        if (last === item.timestamp) ties++;
        if (last !== undefined && item.timestamp < last) stale++;
        seen.set(slot, Math.max(last ?? -Infinity, item.timestamp));
      }
    }
    expect(ties).toBeGreaterThan(10);
    expect(stale).toBeGreaterThan(100);
  });

  it("agrees with a naive sort-then-fold of the same items, however the bytes are chunked", async () => {
    const items = text.split("\n").map((l, i) => parseActivityLine(l, i + 1))
      .filter((p): p is ActivityItem => p !== null && p !== "anonymous" && !("reason" in p));
    // Naive: per (user, key) sort the changes by (timestamp, arrival) and take the last; per name count unique ids.
    const changes = new Map<string, { value: string | null; ts: number; arrival: number }[]>();
    const ids = new Map<string, Set<string>>();
    const lastUpdated = new Map<string, number>();
    items.forEach((item, arrival) => {
      lastUpdated.set(item.userId, Math.max(lastUpdated.get(item.userId) ?? 0, item.timestamp));
      if (item.kind === "event") {
        const slot = JSON.stringify([item.userId, item.name]);
        ids.set(slot, (ids.get(slot) ?? new Set()).add(item.eventId));
      } else {
        for (const [key, value] of Object.entries(item.data)) {
          const slot = JSON.stringify([item.userId, key]);
          changes.set(slot, [...(changes.get(slot) ?? []), { value, ts: item.timestamp, arrival }]);
        }
      }
    });
    const naive = new Map<string, CustomerSummary>();
    const customer = (id: string) => naive.get(id) ?? naive.set(id, { id, attributes: {}, events: {}, lastUpdated: lastUpdated.get(id)! }).get(id)!;
    for (const id of lastUpdated.keys()) customer(id);
    for (const [slot, list] of changes) {
      const [id, key] = JSON.parse(slot) as [string, string];
      const winner = [...list].sort((a, b) => a.ts - b.ts || a.arrival - b.arrival).at(-1)!;
      if (winner.value !== null) customer(id).attributes[key] = winner.value;
    }
    for (const [slot, set] of ids) {
      const [id, name] = JSON.parse(slot) as [string, string];
      customer(id).events[name] = set.size;
    }
    const expected = [...naive.values()];

    for (const chunkSize of [1 << 16, 997, 13]) {
      const actual = toCustomerSummaries(await summariseInMemory(readLines(bytes(text, chunkSize))));
      expect(compareWithVerification(expected, actual).mismatches).toEqual([]);
      const lastUpdatedOf = new Map(expected.map((c) => [c.id, c.lastUpdated]));
      for (const c of actual) expect(c.lastUpdated).toBe(lastUpdatedOf.get(c.id));
    }
  });
});

describe("summariseInMemory on dataset 1", () => {
  const messages = path.join(DATASETS, "messages.1.data.gz");
  const verify = path.join(DATASETS, "verify.1.csv.gz");
  const present = fs.existsSync(messages) && fs.existsSync(verify);
  if (!present) {
    it.skip(`needs ${messages} and ${verify} (the customerio datasets are not in this checkout)`, () => undefined);
    return;
  }

  it("matches verify.1.csv.gz exactly", async () => {
    const summary = await summariseInMemory(readLines(openActivityFile(messages)));
    expect(summary).toMatchObject({ lines: 1044, anonymous: 1, errorCount: 0, duplicateEvents: 27 });
    const report = compareWithVerification(await loadVerificationFile(verify), toCustomerSummaries(summary));
    expect(report.mismatches).toEqual([]);
    expect(report.total).toBe(0);
  });

  it("would be wrong if resolved by file order: the dataset really has stale values arriving late", async () => {
    const byFileOrder = createInMemorySummary();
    for await (const { text, lineNo } of readLines(openActivityFile(messages))) {
      const item = parseActivityLine(text, lineNo);
      if (item === null || item === "anonymous" || "reason" in item || item.kind !== "attributes") continue;
      const customer = byFileOrder.customers.get(item.userId) ?? { attributes: new Map(), eventIds: new Map(), lastUpdated: 0 };
      byFileOrder.customers.set(item.userId, customer);
      for (const [key, value] of Object.entries(item.data)) customer.attributes.set(key, { value, ts: item.timestamp });
    }
    const expected = (await loadVerificationFile(verify)).map((c) => ({ ...c, events: {} }));
    expect(compareWithVerification(expected, toCustomerSummaries(byFileOrder)).customersAffected).toBeGreaterThan(0);
  });
});
