import {
  DEFAULT_VENDOR_OPTIONS,
  EnrichRequest,
  expectedPerson,
  FakeEnrichmentVendor,
  JOB_TITLES,
  PersonInput,
  startEnrichmentVendor,
} from "../fakes/enrichment-vendor";

/** Letter-only names, so every synthetic person has an address to find. */
function alpha(i: number): string {
  let s = "";
  do {
    s += String.fromCharCode(97 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return s;
}

function people(n: number, offset = 0): EnrichRequest[] {
  return Array.from({ length: n }, (_, k) => {
    const i = offset + k;
    return {
      ref: `p${i}`,
      first_name: `Ann${alpha(i)}`,
      last_name: `Smith${alpha(i * 7)}`,
      company_domain: `co${i % 50}.com`,
    };
  });
}

describe("fake enrichment vendor", () => {
  let vendor: FakeEnrichmentVendor;

  const post = (body: unknown, headers: Record<string, string> = { "x-api-key": vendor.apiKey }) =>
    fetch(`${vendor.url}/v1/people/enrich`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const enrich = async (requests: unknown[]) => {
    const res = await post({ requests });
    expect(res.status).toBe(200);
    return ((await res.json()) as { responses: { ref: string; status: number; data: Record<string, string> | null }[] })
      .responses;
  };

  beforeAll(async () => {
    vendor = await startEnrichmentVendor({ latencyMs: 0 });
  });
  afterAll(() => vendor.close());

  beforeEach(() => {
    vendor.setOptions({ ...DEFAULT_VENDOR_OPTIONS, latencyMs: 0 });
    vendor.failNext(0);
    vendor.resetStats();
  });

  it("refuses a missing or wrong key with 401 unauthorized, on both endpoints", async () => {
    for (const headers of [{}, { "x-api-key": "nope" }] as Record<string, string>[]) {
      const res = await post({ requests: people(1) }, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { type: "unauthorized", message: expect.any(String) } });
    }
    const account = await fetch(`${vendor.url}/v1/account`, { headers: { "x-api-key": "nope" } });
    expect(account.status).toBe(401);
    expect(((await account.json()) as any).error.type).toBe("unauthorized");
    expect(vendor.stats).toMatchObject({ calls: 0, rejected: 3 });
  });

  it("refuses malformed bodies with 400 invalid_request", async () => {
    const bodies = [
      "{not json",
      { people: [] },
      { requests: "p1" },
      { requests: [{ first_name: "Ann" }] },
      { requests: [{ ref: "" }] },
      { requests: [...people(2), { ref: 3 }] },
      { requests: [{ ref: "p1", last_name: 7 }] },
      { requests: [null] },
    ];
    for (const body of bodies) {
      const res = await post(body);
      expect([body, res.status]).toEqual([body, 400]);
      expect(await res.json()).toEqual({ error: { type: "invalid_request", message: expect.any(String) } });
    }
    expect(vendor.stats).toMatchObject({ calls: 0, rejected: bodies.length });
  });

  it("accepts nulls for absent fields", async () => {
    const responses = await enrich([{ ref: "x", first_name: null, last_name: "Smith", company_domain: null }]);
    expect(responses).toEqual([{ ref: "x", status: 404, data: null }]);
  });

  it("refuses a batch over maxBatch whole with 413 batch_too_large", async () => {
    vendor.setOptions({ maxBatch: 5 });
    const res = await post({ requests: people(6) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { type: "batch_too_large", message: "at most 5 requests per call" } });
    expect(await enrich(people(5))).toHaveLength(5);
    expect(vendor.stats).toMatchObject({ calls: 1, recordsRequested: 5, rejected: 1 });
  });

  it("answers every request in order, 200 with the known fields or 404, as knows() predicts", async () => {
    const unidentifiable: EnrichRequest[] = [
      { ref: "no-last", first_name: "Ann", company_domain: "acme.com" },
      { ref: "no-company", first_name: "Ann", last_name: "Smith" },
      { ref: "blank-names", first_name: "  ", last_name: "Smith", company_name: "Acme" },
      { ref: "no-letters", first_name: "李", last_name: "王", company_domain: "acme.com" },
      { ref: "empty-company", first_name: "Ann", last_name: "Smith", company_name: "!!!" },
    ];
    const batch = [...people(40), ...unidentifiable, ...people(40, 40)].reverse();
    const responses = await enrich(batch);
    expect(responses.map((r) => r.ref)).toEqual(batch.map((r) => r.ref));
    for (const [i, response] of responses.entries()) {
      const expected = vendor.knows(batch[i]);
      const ref = batch[i].ref;
      expect(response).toEqual(expected === null ? { ref, status: 404, data: null } : { ref, status: 200, data: expected });
    }
    for (const r of unidentifiable) expect(responses.find((x) => x.ref === r.ref)?.status).toBe(404);
    const statuses = new Set(responses.map((r) => r.status));
    expect(statuses).toEqual(new Set([200, 404]));
  });

  it("derives field values from the person", async () => {
    const fieldCoverage = { work_email: 1, mobile_phone: 1, job_title: 1, linkedin_url: 1 };
    vendor.setOptions({ coverage: 1, fieldCoverage });
    const [byName, byDomain] = await enrich([
      { ref: "a", first_name: " José ", last_name: "Núñez-Ortiz", company_name: "Acme, Inc." },
      { ref: "b", first_name: "Ann", last_name: "O'Neil", company_domain: "Example.ORG", company_name: "Ignored" },
    ]);
    expect(byName.data).toEqual({
      work_email: "jose.nunezortiz@acmeinc.com",
      mobile_phone: expect.stringMatching(/^\+1555\d{7}$/),
      job_title: expect.any(String),
      linkedin_url: expect.stringMatching(/^https:\/\/www\.linkedin\.com\/in\/jose-nunezortiz-[0-9a-f]{4}$/),
    });
    expect(JOB_TITLES).toContain(byName.data!.job_title);
    expect(byDomain.data!.work_email).toBe("ann.oneil@example.org");
  });

  it("treats case and surrounding spaces as the same person, and answers the same every time", async () => {
    const batch = people(100);
    const first = await enrich(batch);
    expect(await enrich(batch)).toEqual(first);
    const shouted = batch.map((p) => ({
      ...p,
      first_name: ` ${p.first_name!.toUpperCase()} `,
      company_domain: p.company_domain!.toUpperCase(),
    }));
    expect((await enrich(shouted)).map((r) => r.status)).toEqual(first.map((r) => r.status));
  });

  it("knows different people under a different seed, and expectedPerson agrees with each instance", async () => {
    const other = await startEnrichmentVendor({ seed: "other-vendor", latencyMs: 0 });
    try {
      const batch = people(100);
      const mine = await enrich(batch);
      const res = await fetch(`${other.url}/v1/people/enrich`, {
        method: "POST",
        headers: { "x-api-key": other.apiKey },
        body: JSON.stringify({ requests: batch }),
      });
      const theirs = ((await res.json()) as { responses: { status: number }[] }).responses;
      const differing = batch.filter((_, i) => mine[i].status !== theirs[i].status).length;
      expect(differing).toBeGreaterThan(10);
      const { coverage, fieldCoverage } = DEFAULT_VENDOR_OPTIONS;
      for (const [i, p] of batch.entries()) {
        expect(expectedPerson("vendor", coverage, fieldCoverage, p)).toEqual(mine[i].data);
        expect(expectedPerson("other-vendor", coverage, fieldCoverage, p)).toEqual(other.knows(p));
      }
    } finally {
      await other.close();
    }
  });

  it("knows about `coverage` of 2,000 people, and each field for about its share of them", async () => {
    vendor.setOptions({ latencyMs: 20 });
    const batch = people(2000);
    const chunks = Array.from({ length: 20 }, (_, i) => batch.slice(i * 100, i * 100 + 100));
    const responses = (await Promise.all(chunks.map((chunk) => enrich(chunk)))).flat();
    const known = responses.filter((r) => r.status === 200);
    const share = (field: string) => known.filter((r) => r.data![field] !== undefined).length / known.length;
    expect(Math.abs(known.length / 2000 - 0.7)).toBeLessThan(0.05);
    expect(share("work_email")).toBe(1);
    expect(Math.abs(share("mobile_phone") - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(share("job_title") - 0.8)).toBeLessThan(0.05);
    expect(share("linkedin_url")).toBe(0);

    // Other settings, through knows() alone.
    vendor.setOptions({ coverage: 0.3, fieldCoverage: { linkedin_url: 0.4 } });
    const data = batch.map((p) => vendor.knows(p)).filter((d) => d !== null);
    expect(Math.abs(data.length / 2000 - 0.3)).toBeLessThan(0.05);
    expect(Math.abs(data.filter((d) => d!.linkedin_url).length / data.length - 0.4)).toBeLessThan(0.07);
    expect(data.every((d) => Object.keys(d!).every((k) => k === "linkedin_url"))).toBe(true);
  });

  it("rate-limits per key with 429 rate_limited and Retry-After: 1, then lets calls through again", async () => {
    vendor.setOptions({ ratePerSecond: 5 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await post({ requests: people(1, i) });
        return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as any };
      }),
    );
    const limited = answers.filter((a) => a.status === 429);
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(5);
    expect(limited.length).toBeGreaterThan(0);
    expect(ok.length + limited.length).toBe(20);
    for (const a of limited) {
      expect(a.retryAfter).toBe("1");
      expect(a.body).toEqual({ error: { type: "rate_limited", message: expect.any(String) } });
    }
    expect(vendor.stats).toMatchObject({ calls: ok.length, rateLimited: limited.length, rejected: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await post({ requests: people(1) })).status).toBe(200);
  });

  it("fails the next n POSTs as told by failNext, whatever they hold", async () => {
    vendor.failNext(2);
    for (let i = 0; i < 2; i++) {
      const res = await post({ requests: people(1) }, { "x-api-key": "wrong" });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("0");
      expect(await res.json()).toEqual({ error: { type: "unavailable" } });
    }
    expect((await post({ requests: people(1) })).status).toBe(200);
    vendor.failNext(1, 500);
    const res = await post({ requests: people(1) });
    expect(res.status).toBe(500);
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await res.json()).toEqual({ error: { type: "unavailable" } });
    expect(vendor.stats).toMatchObject({ calls: 1, failures: 3, rejected: 0 });
  });

  it("counts calls, records and credits, and resetStats zeroes them", async () => {
    await enrich(people(30));
    await enrich(people(20, 30));
    const found = people(50).filter((p) => vendor.knows(p) !== null).length;
    expect(vendor.stats).toEqual({
      calls: 2,
      recordsRequested: 50,
      recordsFound: found,
      rateLimited: 0,
      failures: 0,
      rejected: 0,
    });
    const account = await fetch(`${vendor.url}/v1/account`, { headers: { "x-api-key": vendor.apiKey } });
    expect(account.status).toBe(200);
    expect(await account.json()).toEqual({ name: "Fake Vendor", credits_used: found });
    vendor.resetStats();
    expect(Object.values(vendor.stats)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("accepts a new key from setOptions and rejects bad options", async () => {
    vendor.setOptions({ apiKey: "rotated" });
    expect((await post({ requests: [] }, { "x-api-key": "vendor-key" })).status).toBe(401);
    expect(await enrich([])).toEqual([]);
    expect(() => vendor.setOptions({ coverage: 1.5 })).toThrow(RangeError);
    expect(() => vendor.setOptions({ fieldCoverage: { job_title: -1 } })).toThrow(RangeError);
    expect(() => vendor.setOptions({ maxBatch: 0 })).toThrow(RangeError);
    expect(vendor.apiKey).toBe("rotated");
  });
});
