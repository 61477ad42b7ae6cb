import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import { FakeMockstagram, isSuspicious, startFakeMockstagram } from "../fakes/mockstagram";

const PROCESS_ENTRY = path.resolve(__dirname, "../../dist/test/fakes/mockstagram-process.js");

describe("FakeMockstagram", () => {
  let fake: FakeMockstagram;

  const influencer = (pk: number | string) => fetch(`${fake.url}/api/v1/influencers/${pk}`);
  const classify = (body: unknown) =>
    fetch(`${fake.url}/api/v1/influencers/is_suspicious`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const json = async (res: Response) => (await res.json()) as Record<string, any>;
  const statusesOf = async (pks: number[]) =>
    Promise.all(
      pks.map(async (pk) => {
        const res = await influencer(pk);
        await res.arrayBuffer();
        return res.status;
      }),
    );

  beforeAll(async () => {
    fake = await startFakeMockstagram({ seed: 42 });
  });
  afterAll(() => fake.close());

  beforeEach(() => {
    fake.setOptions({ notFoundStatus: 500, classifierDelayMs: 0, failureRate: 0, latencyMs: 0, failPks: [], capacity: 0 });
    fake.resetStats();
  });

  it("answers an influencer with exactly pk, username, followerCount and followingCount", async () => {
    for (const pk of [1_000_000, 1_234_567, 1_999_999]) {
      const res = await influencer(pk);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const body = await json(res);
      expect(Object.keys(body).sort()).toEqual(["followerCount", "followingCount", "pk", "username"]);
      expect(body).toEqual({ pk, username: `influencer-${pk}`, followerCount: expect.any(Number), followingCount: expect.any(Number) });
      expect(Number.isInteger(body.followerCount) && body.followerCount >= 0).toBe(true);
      expect(Number.isInteger(body.followingCount) && body.followingCount >= 0).toBe(true);
    }
  });

  it("moves the values on every call, and peek shows the last answer without moving it", async () => {
    const pk = 1_500_000;
    const start = fake.peek(pk);
    expect(start.followerCount).toBeGreaterThanOrEqual(1_000);
    expect(start.followerCount).toBeLessThanOrEqual(5_000_000);
    let previous = start;
    for (let i = 0; i < 20; i++) {
      const body = await json(await influencer(pk));
      const now = { followerCount: body.followerCount, followingCount: body.followingCount };
      expect(now.followerCount).not.toBe(previous.followerCount);
      // Small steps: a walk, not a new random value each time.
      expect(Math.abs(now.followerCount - previous.followerCount)).toBeLessThanOrEqual(previous.followerCount / 1000 + 2);
      expect(fake.peek(pk)).toEqual(now);
      expect(fake.peek(pk)).toEqual(now);
      previous = now;
    }
  });

  it("answers unknown pks InfluencerNotFoundError with the configured status", async () => {
    for (const status of [500, 400] as const) {
      fake.setOptions({ notFoundStatus: status });
      for (const pk of ["999999", "2000000", "abc", "1000000.5", "-1000000", "is_suspicious"]) {
        const res = await influencer(pk);
        expect([pk, res.status]).toEqual([pk, status]);
        expect(await res.json()).toEqual({ error: { name: "InfluencerNotFoundError" } });
      }
    }
    expect(() => fake.peek(999_999)).toThrow(RangeError);
  });

  it("starts with notFoundStatus 500 unless told otherwise", async () => {
    const later = await startFakeMockstagram({ notFoundStatus: 400 });
    const original = await startFakeMockstagram();
    try {
      expect((await fetch(`${later.url}/api/v1/influencers/1`)).status).toBe(400);
      expect((await fetch(`${original.url}/api/v1/influencers/1`)).status).toBe(500);
    } finally {
      await Promise.all([later.close(), original.close()]);
    }
  });

  it("classifies within the configured delay, echoing the pk with a boolean", async () => {
    fake.setOptions({ classifierDelayMs: [40, 120] });
    const pk = 1_000_123;
    const doc = await json(await influencer(pk));
    const started = performance.now();
    const res = await classify(doc);
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    const verdict = await json(res);
    expect(verdict).toEqual({ pk, suspicious: expect.any(Boolean) });
    expect(verdict.suspicious).toBe(isSuspicious(pk));
    expect(elapsed).toBeGreaterThanOrEqual(38);
    // Well under the default 1 s minimum: the configured delay was used (loose, for a loaded CI machine).
    expect(elapsed).toBeLessThan(900);
  });

  it("calls about 10% of pks suspicious, the same way every time", async () => {
    let suspicious = 0;
    for (let pk = 1_000_000; pk < 1_020_000; pk++) if (isSuspicious(pk)) suspicious++;
    expect(suspicious / 20_000).toBeGreaterThan(0.08);
    expect(suspicious / 20_000).toBeLessThan(0.12);
    const pk = [...Array(100).keys()].map((i) => 1_700_000 + i).find(isSuspicious)!;
    const answers = await Promise.all([1, 2, 3].map(async () => json(await classify({ pk }))));
    expect(answers).toEqual([1, 2, 3].map(() => ({ pk, suspicious: true })));
  });

  it("rejects a classifier body without a valid pk, and malformed JSON", async () => {
    for (const status of [500, 400] as const) {
      fake.setOptions({ notFoundStatus: status });
      for (const body of [{ username: "influencer-1000000" }, { pk: 999_999 }, { pk: "1000000" }, { pk: 1_000_000.5 }, [1], ""]) {
        const res = await classify(body);
        expect([body, res.status]).toEqual([body, status]);
        expect(await res.json()).toEqual({ error: { name: "InfluencerNotFoundError" } });
      }
    }
    const bad = await classify('{"pk": 1000000');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { name: "BadRequestError" } });
  });

  it("answers unknown routes 404 with a JSON error", async () => {
    const cases: [string, string][] = [
      ["GET", "/"],
      ["GET", "/api/v1/influencers/"],
      ["GET", "/api/v1/influencers/1000000/extra"],
      ["GET", "/api/v2/influencers/1000000"],
      ["POST", "/api/v1/influencers/1000000"],
      ["DELETE", "/api/v1/influencers/1000000"],
    ];
    for (const [method, route] of cases) {
      const res = await fetch(`${fake.url}${route}`, { method });
      expect([method, route, res.status]).toEqual([method, route, 404]);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await res.json()).toEqual({ error: { name: "NotFoundError" } });
    }
  });

  it("fails about failureRate of influencer calls with InternalServerError", async () => {
    fake.setOptions({ failureRate: 0.2 });
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      statuses.push(...(await statusesOf(Array.from({ length: 50 }, (_, i) => 1_100_000 + batch * 50 + i))));
    }
    const failed = statuses.filter((s) => s === 500).length;
    expect(statuses.filter((s) => s !== 500 && s !== 200)).toEqual([]);
    expect(failed / statuses.length).toBeGreaterThan(0.1);
    expect(failed / statuses.length).toBeLessThan(0.3);
    expect(fake.stats().failures).toBe(failed);
    const res = await (async () => {
      for (;;) {
        const r = await influencer(1_100_000);
        if (r.status === 500) return r;
        await r.arrayBuffer();
      }
    })();
    expect(await res.json()).toEqual({ error: { name: "InternalServerError" } });
  });

  it("repeats the same failures and walks for the same seed", async () => {
    const run = async () => {
      const other = await startFakeMockstagram({ seed: 7, failureRate: 0.3 });
      const seen: (number | string)[] = [];
      for (let i = 0; i < 60; i++) {
        const res = await fetch(`${other.url}/api/v1/influencers/${1_000_000 + (i % 3)}`);
        seen.push(res.status === 200 ? (await json(res)).followerCount : res.status);
      }
      await other.close();
      return seen;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(await run()).toEqual(first);
  });

  it("always fails failPks and nothing else", async () => {
    fake.setOptions({ failPks: [1_200_001, 1_200_003] });
    for (let round = 0; round < 5; round++) {
      expect(await statusesOf([1_200_001, 1_200_002, 1_200_003])).toEqual([500, 200, 500]);
    }
    expect(fake.stats().failures).toBe(10);
    fake.setOptions({ failPks: [] });
    expect(await statusesOf([1_200_001, 1_200_003])).toEqual([200, 200]);
  });

  it("adds latencyMs to influencer calls", async () => {
    // Wide apart, so that a loaded machine cannot blur the two.
    fake.setOptions({ latencyMs: [300, 320] });
    const started = performance.now();
    const statuses = await statusesOf([1_300_000, 1_300_001]);
    expect(statuses).toEqual([200, 200]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(298);
    fake.setOptions({ latencyMs: 0 });
    const quick = performance.now();
    await statusesOf([1_300_000]);
    expect(performance.now() - quick).toBeLessThan(250);
  });

  it("counts calls, outcomes, calls per pk and the peak of simultaneous requests", async () => {
    // Held until all five are open, so they are open together however loaded the machine is; the latency keeps
    // them being served together once released.
    fake.setOptions({ latencyMs: 50, failPks: [1_400_002] });
    const release = fake.holdResponses();
    const five = statusesOf([1_400_001, 1_400_001, 1_400_002, 1_400_003, 1_400_001]);
    await waitFor(() => fake.stats().inFlight === 5);
    release();
    await five;
    await (await influencer("nope")).arrayBuffer();
    await (await classify({ pk: 1_400_001 })).arrayBuffer();
    await (await classify({ pk: 5 })).arrayBuffer();
    await waitFor(() => fake.stats().inFlight === 0);
    const stats = fake.stats();
    expect(stats).toEqual({
      influencerCalls: 6,
      classifierCalls: 2,
      failures: 1,
      notFound: 2,
      inFlight: 0,
      maxInFlight: 5,
      maxServing: 5,
      callsByPk: new Map([
        [1_400_001, 3],
        [1_400_002, 1],
        [1_400_003, 1],
      ]),
    });
    // A snapshot: later calls do not change it.
    await (await influencer(1_400_001)).arrayBuffer();
    expect(stats.callsByPk.get(1_400_001)).toBe(3);
    expect(fake.stats().callsByPk.get(1_400_001)).toBe(4);

    fake.resetStats();
    expect(fake.stats()).toEqual({
      influencerCalls: 0,
      classifierCalls: 0,
      failures: 0,
      notFound: 0,
      inFlight: 0,
      maxInFlight: 0,
      maxServing: 0,
      callsByPk: new Map(),
    });
  });

  it("serves at most capacity influencer calls at once, the rest waiting in arrival order", async () => {
    fake.setOptions({ latencyMs: 200, capacity: 2 });
    const pks = [1_500_001, 1_500_002, 1_500_003, 1_500_004, 1_500_005, 1_500_006];
    // Sent one at a time, each once the fake has counted the one before, so the list is the arrival order; held
    // until all six are open, so none is answered before the last arrives however loaded the machine is.
    const release = fake.holdResponses();
    let releasedAt = 0;
    const answers: Promise<number>[] = [];
    for (const [i, pk] of pks.entries()) {
      answers.push(
        influencer(pk).then(async (res) => {
          expect(res.status).toBe(200);
          await res.arrayBuffer();
          return performance.now() - releasedAt;
        }),
      );
      await waitFor(() => fake.stats().inFlight === i + 1);
    }
    releasedAt = performance.now();
    release();
    const answered = await Promise.all(answers);
    const stats = fake.stats();
    expect(stats.maxInFlight).toBe(6);
    expect(stats.maxServing).toBe(2);
    // Three rounds of two in arrival order, each holding its capacity for the latency: the k-th pair cannot be
    // answered before k latencies have passed (a fake serving out of order or beyond capacity answers sooner).
    answered.forEach((afterRelease, i) => expect(afterRelease).toBeGreaterThanOrEqual((Math.floor(i / 2) + 1) * 200 - 2));

    fake.setOptions({ capacity: 0 });
    fake.resetStats();
    const releaseAll = fake.holdResponses();
    const unbounded = statusesOf(pks);
    await waitFor(() => fake.stats().inFlight === 6);
    releaseAll();
    expect(await unbounded).toEqual(pks.map(() => 200));
    expect(fake.stats().maxServing).toBe(6);
  });

  it("rejects out-of-range settings", () => {
    expect(() => fake.setOptions({ capacity: 1.5 })).toThrow(RangeError);
    expect(() => fake.setOptions({ capacity: -1 })).toThrow(RangeError);
    expect(() => fake.setOptions({ failureRate: 1.5 })).toThrow(RangeError);
    expect(() => fake.setOptions({ latencyMs: [10, 5] })).toThrow(RangeError);
    expect(() => fake.setOptions({ classifierDelayMs: -1 })).toThrow(RangeError);
    expect(() => fake.setOptions({ notFoundStatus: 404 as 400 })).toThrow(RangeError);
  });

  it("keeps connections alive between calls and closes without waiting for them or for slow answers", async () => {
    const other = await startFakeMockstagram({ classifierDelayMs: 10_000 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = (pk: number) =>
      new Promise<{ status: number; reused: boolean; connection: string | undefined }>((resolve, reject) => {
        const req = http.get(`${other.url}/api/v1/influencers/${pk}`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, reused: req.reusedSocket, connection: res.headers.connection }));
        });
        req.on("error", reject);
      });
    try {
      expect(await get(1_000_001)).toEqual({ status: 200, reused: false, connection: "keep-alive" });
      expect(await get(1_000_002)).toEqual({ status: 200, reused: true, connection: "keep-alive" });
      const pending = fetch(`${other.url}/api/v1/influencers/is_suspicious`, {
        method: "POST",
        body: JSON.stringify({ pk: 1_000_001 }),
      }).then(
        (res) => res.status,
        () => "dropped",
      );
      await waitFor(() => other.stats().classifierCalls === 1);
      const started = performance.now();
      await other.close();
      // Far less than the 10 s answer it dropped (loose, for a loaded CI machine).
      expect(performance.now() - started).toBeLessThan(5000);
      expect(await pending).toBe("dropped");
    } finally {
      agent.destroy();
      await other.close();
    }
  });

  if (!fs.existsSync(PROCESS_ENTRY)) {
    it.skip(`runs as its own process (skipped: dist/test/fakes/mockstagram-process.js is missing; run npm run build first)`, () => undefined);
  } else {
    it("runs as its own process, printing its URL as one JSON line and exiting on SIGTERM", async () => {
      const child = spawn(process.execPath, [PROCESS_ENTRY, "--port", "0", "--not-found-status=400", "--latency-ms", "1,5"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      const exited = new Promise<number | string | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
      let stderr = "";
      child.stderr!.on("data", (chunk) => (stderr += chunk));
      try {
        const lines = readline.createInterface({ input: child.stdout! });
        const first = await new Promise<string>((resolve, reject) => {
          lines.once("line", resolve);
          void exited.then((code) => reject(new Error(`exited with ${code} before printing its URL: ${stderr}`)));
        });
        const { url } = JSON.parse(first) as { url: string };
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const res = await fetch(`${url}/api/v1/influencers/1000000`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ pk: 1_000_000, username: "influencer-1000000" });
        expect((await fetch(`${url}/api/v1/influencers/42`)).status).toBe(400);
      } finally {
        child.kill("SIGTERM");
      }
      expect(await exited).toBe(0);
      expect(stderr).toBe("");
    });
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
