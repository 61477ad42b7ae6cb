import { JOB_TITLES } from "../fakes/enrichment-vendor";
import {
  DEFAULT_HUNTER_OPTIONS,
  expectedHunterResult,
  FakeHunter,
  HunterLookup,
  startFakeHunter,
} from "../fakes/hunter";

function alpha(i: number): string {
  let s = "";
  do {
    s += String.fromCharCode(97 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return s;
}

const lookups = (n: number, offset = 0): HunterLookup[] =>
  Array.from({ length: n }, (_, k) => ({
    first_name: `Ann${alpha(offset + k)}`,
    last_name: `Smith${alpha((offset + k) * 7)}`,
    domain: `co${(offset + k) % 50}.com`,
  }));

type Json = Record<string, any>;

describe("fake Hunter", () => {
  let hunter: FakeHunter;

  const find = (params: HunterLookup & { api_key?: string }, headers: Record<string, string> = {}) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (typeof v === "string") query.set(k, v);
    return fetch(`${hunter.url}/v2/email-finder?${query}`, { headers });
  };
  const lookup = async (params: HunterLookup) => {
    const res = await find({ ...params, api_key: hunter.apiKey });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    hunter = await startFakeHunter({ latencyMs: 0 });
  });
  afterAll(() => hunter.close());

  beforeEach(() => {
    hunter.setOptions({ ...DEFAULT_HUNTER_OPTIONS, latencyMs: 0, perSecond: 1_000_000, perMinute: 1_000_000 });
    hunter.failNext(0);
    hunter.resetStats();
  });

  it("takes the key from api_key or X-API-KEY and answers 401 authentication_failed otherwise", async () => {
    const person = lookups(1)[0];
    expect((await find({ ...person, api_key: hunter.apiKey })).status).toBe(200);
    expect((await find(person, { "X-API-KEY": hunter.apiKey })).status).toBe(200);
    for (const [params, headers] of [
      [person, {}],
      [{ ...person, api_key: "wrong" }, {}],
      [person, { "X-API-KEY": "wrong" }],
    ] as const) {
      const res = await find(params, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        errors: [{ id: "authentication_failed", code: 401, details: expect.any(String) }],
      });
    }
    expect(hunter.stats).toMatchObject({ calls: 2, rejected: 3 });
  });

  it("answers 400 wrong_params without a domain or company, or without both names or a full name", async () => {
    for (const params of [
      { first_name: "Ann", last_name: "Smith" },
      { first_name: "Ann", last_name: "Smith", domain: " ", company: "" },
      { domain: "acme.com" },
      { first_name: "Ann", domain: "acme.com" },
      { full_name: "Ann", domain: "acme.com" },
      { full_name: "   ", company: "Acme" },
    ]) {
      const { status, body } = await lookup(params);
      expect([params, status]).toEqual([params, 400]);
      expect(body).toEqual({ errors: [{ id: "wrong_params", code: 400, details: expect.any(String) }] });
    }
    expect(hunter.stats).toMatchObject({ calls: 0, rejected: 6 });
  });

  it("answers a found email with Hunter's data shape and echoes the params in meta", async () => {
    hunter.setOptions({ coverage: 1, phoneCoverage: 1, positionCoverage: 1 });
    const { status, body } = await lookup({ first_name: "José", last_name: "Núñez", domain: "Acme.com" });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        first_name: "José",
        last_name: "Núñez",
        email: "jose.nunez@acme.com",
        score: expect.any(Number),
        domain: "acme.com",
        accept_all: false,
        position: expect.any(String),
        twitter: null,
        linkedin_url: null,
        phone_number: expect.stringMatching(/^\+1555\d{7}$/),
        company: null,
        sources: [],
        verification: { date: null, status: null },
      },
      meta: { params: { first_name: "José", last_name: "Núñez", full_name: null, domain: "Acme.com", company: null } },
    });
    expect(Number.isInteger(body.data.score) && body.data.score >= 70 && body.data.score <= 99).toBe(true);
    expect(JOB_TITLES).toContain(body.data.position);
  });

  it("answers 200 with a null email and score when it finds nothing", async () => {
    hunter.setOptions({ coverage: 0 });
    const { status, body } = await lookup({ full_name: "Ann Smith", company: "Acme" });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      first_name: "Ann",
      last_name: "Smith",
      email: null,
      score: null,
      position: null,
      phone_number: null,
      domain: "acme.com",
      company: "Acme",
    });
    expect(hunter.stats).toMatchObject({ calls: 1, found: 0 });
  });

  it("derives the domain from the company, splits a full name, and prefers the domain when both come", async () => {
    hunter.setOptions({ coverage: 1 });
    const byCompany = await lookup({ full_name: "Mary Ann  van Dyke", company: "Acme, Inc." });
    expect(byCompany.body.data).toMatchObject({
      first_name: "Mary",
      last_name: "Ann van Dyke",
      email: "mary.annvandyke@acmeinc.com",
      domain: "acmeinc.com",
      company: "Acme, Inc.",
    });
    const both = await lookup({ first_name: "Ann", last_name: "Smith", domain: "example.org", company: "Acme" });
    expect(both.body.data.email).toBe("ann.smith@example.org");
  });

  it("answers as knows() says, the same every time, and differently under another seed", async () => {
    const batch = lookups(200);
    const first = await Promise.all(batch.map((q) => lookup(q)));
    for (const [i, { body }] of first.entries()) {
      const { email, phone_number, position } = body.data;
      expect(email === null ? null : { email, phone_number, position }).toEqual(hunter.knows(batch[i]));
    }
    expect(new Set(first.map(({ body }) => body.data.email === null))).toEqual(new Set([true, false]));
    expect(await Promise.all(batch.map((q) => lookup(q)))).toEqual(first);

    const other = await startFakeHunter({ seed: "other-hunter", latencyMs: 0 });
    try {
      const differing = batch.filter((q) => (other.knows(q) === null) !== (hunter.knows(q) === null)).length;
      expect(differing).toBeGreaterThan(20);
      const seedOnly = { ...DEFAULT_HUNTER_OPTIONS, seed: "other-hunter" };
      for (const q of batch) expect(expectedHunterResult(seedOnly, q)).toEqual(other.knows(q));
    } finally {
      await other.close();
    }
  });

  it("finds about `coverage` of 2,000 people, with phones and positions for about their shares", async () => {
    const batch = lookups(2000);
    const bodies: Json[] = [];
    for (let i = 0; i < batch.length; i += 50) {
      bodies.push(...(await Promise.all(batch.slice(i, i + 50).map(async (q) => (await lookup(q)).body))));
    }
    const found = bodies.filter((b) => b.data.email !== null);
    expect(Math.abs(found.length / 2000 - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(found.filter((b) => b.data.phone_number !== null).length / found.length - 0.3)).toBeLessThan(0.05);
    expect(Math.abs(found.filter((b) => b.data.position !== null).length / found.length - 0.5)).toBeLessThan(0.05);
    expect(hunter.stats).toMatchObject({ calls: 2000, found: found.length });
  });

  it("refuses requests over the per-second limit with 403 too_many_requests and no Retry-After", async () => {
    hunter.setOptions({ perSecond: 5 });
    const answers = await Promise.all(
      lookups(20).map(async (q) => {
        const res = await find({ ...q, api_key: hunter.apiKey });
        return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as Json };
      }),
    );
    const limited = answers.filter((a) => a.status === 403);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(5);
    expect(limited.length).toBeGreaterThan(0);
    expect(ok.length + limited.length).toBe(20);
    for (const a of limited) {
      expect(a.retryAfter).toBeNull();
      expect(a.body).toEqual({ errors: [{ id: "too_many_requests", code: 403, details: expect.any(String) }] });
    }
    expect(hunter.stats).toMatchObject({ calls: ok.length, rateLimited: limited.length, rejected: 0 });
  });

  it("refuses requests over the per-minute limit, with 429 when rateLimitStatus says so", async () => {
    hunter.setOptions({ perMinute: 3, rateLimitStatus: 429 });
    const statuses: number[] = [];
    for (const q of lookups(5)) statuses.push((await lookup(q)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(hunter.stats.rateLimited).toBe(2);
    // The account call is not rate-limited.
    expect((await fetch(`${hunter.url}/v2/account?api_key=${hunter.apiKey}`)).status).toBe(200);
  });

  it("answers 429 once the plan's searches are used up, counting only found emails", async () => {
    hunter.setOptions({ searchesAvailable: 2 });
    const batch = lookups(40);
    const foundOnes = batch.filter((q) => hunter.knows(q) !== null);
    const missed = batch.find((q) => hunter.knows(q) === null)!;
    expect((await lookup(missed)).status).toBe(200);
    expect((await lookup(foundOnes[0])).status).toBe(200);
    expect((await lookup(foundOnes[1])).status).toBe(200);
    const refused = await lookup(foundOnes[2]);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ errors: [{ id: "usage_limit_reached", code: 429, details: expect.any(String) }] });
    const account = await fetch(`${hunter.url}/v2/account`, { headers: { "X-API-KEY": hunter.apiKey } });
    expect(await account.json()).toEqual({
      data: { email: expect.any(String), plan_name: "Fake", requests: { searches: { used: 2, available: 2 } } },
    });
    expect(hunter.stats).toEqual({ calls: 3, found: 2, rateLimited: 0, failures: 0, rejected: 1 });
  });

  it("fails the next n lookups as told by failNext, then answers again", async () => {
    hunter.failNext(2);
    for (let i = 0; i < 2; i++) {
      const res = await find({ domain: "acme.com" });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ errors: [{ id: "server_error", code: 503, details: expect.any(String) }] });
    }
    hunter.failNext(1, 500);
    expect((await lookup(lookups(1)[0])).status).toBe(500);
    expect((await lookup(lookups(1)[0])).status).toBe(200);
    expect(hunter.stats).toMatchObject({ calls: 1, failures: 3, rejected: 0 });
  });

  it("answers the account with the searches used, refuses a wrong key; resetStats zeroes counters", async () => {
    const batch = lookups(30);
    for (const q of batch) await lookup(q);
    const found = batch.filter((q) => hunter.knows(q) !== null).length;
    const res = await fetch(`${hunter.url}/v2/account?api_key=${hunter.apiKey}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).data.requests.searches).toEqual({ used: found, available: 1_000_000 });
    const wrong = await fetch(`${hunter.url}/v2/account?api_key=nope`);
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as Json).errors[0].id).toBe("authentication_failed");
    expect((await fetch(`${hunter.url}/v2/nothing-here`)).status).toBe(404);
    expect(hunter.stats).toEqual({ calls: 30, found, rateLimited: 0, failures: 0, rejected: 2 });
    hunter.resetStats();
    expect(Object.values(hunter.stats)).toEqual([0, 0, 0, 0, 0]);
  });
});
