import { Pool } from "undici";
import { HttpClient, HttpError } from "../../src/connectors/http-client";
import type { ConnectorContext } from "../../src/connectors/contract";
import { fetchInfluencer, InfluencerNotFoundError, MockstagramConfig } from "../../src/connectors/mockstagram";
import { FakeMockstagram, startFakeMockstagram } from "../fakes/mockstagram";

describe("the mockstagram connector's reads", () => {
  let fake: FakeMockstagram;
  let pool: Pool;

  beforeAll(async () => {
    fake = await startFakeMockstagram({ seed: 3 });
    pool = new Pool(fake.url, { connections: 2 });
  });
  afterAll(async () => {
    await pool.close();
    await fake.close();
  });
  beforeEach(() => fake.setOptions({ notFoundStatus: 500, failureRate: 0, failPks: [] }));

  const ctx = (http: HttpClient): ConnectorContext<MockstagramConfig, unknown> => ({ config: { baseUrl: `${fake.url}/`, concurrency: 2, pipelining: 1 }, secret: {}, http });

  it.each([
    ["a pool of its own", () => new HttpClient().useDispatcher(pool)],
    ["undici's global agent", () => new HttpClient()],
  ])("reads an influencer once through %s, counting the call and its bytes", async (_, client) => {
    const http = client();
    const reading = await fetchInfluencer(ctx(http), 1_234_567);
    expect(reading).toEqual({ pk: 1_234_567, username: "influencer-1234567", followerCount: expect.any(Number), followingCount: expect.any(Number) });
    expect(http.apiCalls).toBe(1);
    expect(http.bytes).toBe(Buffer.byteLength(JSON.stringify({ pk: 1_234_567, username: "influencer-1234567", ...fake.peek(1_234_567) })));
  });

  it.each([500, 400] as const)("tells an unknown pk (answered %i) from a failure, and does not retry either", async (status) => {
    fake.setOptions({ notFoundStatus: status, failPks: [1_000_001] });
    const http = new HttpClient().useDispatcher(pool);
    await expect(fetchInfluencer(ctx(http), 999)).rejects.toBeInstanceOf(InfluencerNotFoundError);
    const failure = await fetchInfluencer(ctx(http), 1_000_001).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect((failure as HttpError).status).toBe(500);
    expect(http.apiCalls).toBe(2);
  });

  it("rejects with a network error when nothing answers", async () => {
    const closed = new HttpClient({ timeoutMs: 2000 });
    const context = { config: { baseUrl: "http://127.0.0.1:9", concurrency: 1, pipelining: 1 }, secret: {}, http: closed };
    await expect(fetchInfluencer(context, 1_000_000)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
