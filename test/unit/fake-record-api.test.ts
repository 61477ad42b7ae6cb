import { FakeRecordApi } from "../fakes/record-api";

const KEY = "dest-key";

describe("FakeRecordApi", () => {
  let fake: FakeRecordApi;
  let url: string;

  const call = (method: "POST" | "DELETE", body: unknown, key: string | null = KEY) =>
    fetch(url, {
      method,
      headers: { "content-type": "application/json", ...(key === null ? {} : { Authorisation: key }) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    fake = new FakeRecordApi({ key: KEY, maxBatch: 5 });
    url = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.records.clear();
    fake.failNext(0);
    fake.resetCounters();
  });

  it("upserts records by id, so replaying a batch changes nothing", async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/records$/);
    const batch = [
      { id: "a", email: "a@example.com" },
      { id: "b", email: "b@example.com" },
    ];
    for (let i = 0; i < 2; i++) {
      const res = await call("POST", batch);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ accepted: 2 });
    }
    await call("POST", [{ id: "a", email: "new@example.com" }]);
    expect([...fake.records.keys()]).toEqual(["a", "b"]);
    expect(fake.records.get("a")).toEqual({ id: "a", email: "new@example.com" });
    expect(fake.postCalls).toBe(3);
    expect(fake.recordsReceived).toBe(5);
  });

  it("rejects a missing or wrong Authorisation header, including the US spelling", async () => {
    for (const res of [
      await call("POST", [{ id: "a" }], null),
      await call("POST", [{ id: "a" }], "nope"),
      await fetch(url, { method: "POST", headers: { Authorization: KEY }, body: '[{"id":"a"}]' }),
    ]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: expect.any(String) });
    }
    expect(fake.records.size).toBe(0);
  });

  it("rejects malformed bodies with 400 and oversized batches with 413, storing nothing", async () => {
    for (const body of ["not json", { id: "a" }, [{ id: "a" }, { id: 7 }], [{ id: "a" }, null], [{ name: "no id" }]]) {
      const res = await call("POST", body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ message: expect.any(String) });
    }
    const tooMany = await call("POST", Array.from({ length: 6 }, (_, i) => ({ id: String(i) })));
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toEqual({ message: expect.any(String) });
    expect(fake.records.size).toBe(0);
    expect(fake.recordsReceived).toBe(0);
    expect((await call("POST", Array.from({ length: 5 }, (_, i) => ({ id: String(i) })))).status).toBe(200);
  });

  it("deletes ids idempotently, ignoring unknown ones", async () => {
    await call("POST", [{ id: "a" }, { id: "b" }, { id: "c" }]);
    const first = await call("DELETE", { ids: ["a", "b", "zzz"] });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ deleted: 2 });
    const again = await call("DELETE", { ids: ["a", "b"] });
    expect(await again.json()).toEqual({ deleted: 0 });
    expect([...fake.records.keys()]).toEqual(["c"]);
    expect((await call("DELETE", { ids: "a" })).status).toBe(400);
    expect((await call("DELETE", { ids: ["c"] }, "nope")).status).toBe(401);
    expect(fake.deleteCalls).toBe(4);
  });

  it("injects failures and counts every call", async () => {
    fake.failNext(2, 503);
    expect((await call("POST", [{ id: "a" }])).status).toBe(503);
    expect((await call("DELETE", { ids: ["a"] })).status).toBe(503);
    expect(fake.records.size).toBe(0);
    expect((await call("POST", [{ id: "a" }])).status).toBe(200);
    expect(fake.calls).toBe(3);
    expect(fake.postCalls).toBe(2);
    expect(fake.deleteCalls).toBe(1);
    expect(fake.recordsReceived).toBe(1);
    fake.resetCounters();
    expect([fake.calls, fake.postCalls, fake.deleteCalls, fake.recordsReceived]).toEqual([0, 0, 0, 0]);
  });
});
