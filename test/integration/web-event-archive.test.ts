import { startTestConflux, TestConflux } from "../helpers/test-conflux";

/**
 * The archive's write path: uploads large enough to travel by COPY on PostgreSQL (by JSON on the embedded database),
 * event ids stored once whoever sends them, and raw events kept exactly as sent.
 */
let t: TestConflux;
const today = new Date().toISOString();

beforeAll(async () => {
  t = await startTestConflux();
});

afterAll(async () => {
  await t?.close();
});

async function post(lines: unknown[], key: string) {
  const res = await fetch(`${t.baseUrl}/events`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${key}` },
    body: lines.map((l) => JSON.stringify(l)).join("\n"),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number; duplicates: number; identified: number; unknown: number; invalid: unknown[] };
}

const query = <T>(sql: string, params: unknown[]) => t.conflux.services.dataSource.query(sql, params) as Promise<T[]>;

describe("web event archive", () => {
  it("stores each id once, within an upload and across re-sends, and keeps payloads exactly", async () => {
    const { accountId, key } = await t.newAccount("archive-ids");
    const odd = { note: "tab\there, newline\nthere, back\\slash, \\N, ünïcödé ✓", nested: { list: [1, "two", null] } };
    const events = Array.from({ length: 600 }, (_, i) => ({
      id: `ev-${i % 500}`, // the last 100 repeat earlier ids
      type: i % 3 === 0 ? "constructor" : "visit",
      occurredAt: today,
      email: `p${i}@archive-${i % 7}.example`,
      payload: i === 5 ? odd : undefined,
    }));
    expect(await post(events, key)).toMatchObject({ accepted: 500, duplicates: 100, identified: 500, invalid: [] });
    expect(await post(events, key)).toMatchObject({ accepted: 0, duplicates: 600 });

    const [stored] = await query<{ n: number; distinct_ids: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct_ids FROM web_event WHERE account_id = $1`,
      [accountId],
    );
    expect(stored).toEqual({ n: 500, distinct_ids: 500 });
    const [kept] = await query<{ payload: unknown; email: string; domain: string; identified_by: string }>(
      `SELECT payload, email, domain, identified_by FROM web_event WHERE account_id = $1 AND event_id = 'ev-5'`,
      [accountId],
    );
    expect(kept).toEqual({ payload: odd, email: "p5@archive-5.example", domain: "archive-5.example", identified_by: "domain" });
    // The first of each id counted: ids 0..499, every third a custom "constructor" signal.
    const [signals] = await query<{ visits: number; custom: number }>(
      `SELECT sum(visits)::int AS visits, sum((extra->>'constructor')::int)::int AS custom FROM company_daily_signal WHERE account_id = $1`,
      [accountId],
    );
    const custom = Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 3 === 0).length;
    expect(signals).toEqual({ visits: 500 - custom, custom });
  });

  it("stores an event once when several clients send it at the same time", async () => {
    const { accountId, key } = await t.newAccount("archive-race");
    const events = Array.from({ length: 1000 }, (_, i) => ({ id: `race-${i}`, type: "visit", occurredAt: today, ip: `10.9.${i >> 8}.${i & 255}`, email: `r${i}@race-${i % 5}.example` }));
    const results = await Promise.all(Array.from({ length: 4 }, () => post(events, key)));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(1000);
    expect(results.reduce((n, r) => n + r.accepted + r.duplicates, 0)).toBe(4000);
    const [counts] = await query<{ archived: number; visits: number }>(
      `SELECT (SELECT count(*)::int FROM web_event WHERE account_id = $1) AS archived,
              (SELECT sum(visits)::int FROM company_daily_signal WHERE account_id = $1) AS visits`,
      [accountId],
    );
    expect(counts).toEqual({ archived: 1000, visits: 1000 });
  });
});
