import crypto from "node:crypto";
import { FakeMailchimp, MailchimpMember } from "../fakes/mailchimp";
import { eventually } from "../helpers/test-conflux";

const KEY = "abc123-us6";
const auth = (key: string) => `Basic ${Buffer.from(`anystring:${key}`).toString("base64")}`;

describe("FakeMailchimp", () => {
  let fake: FakeMailchimp;
  let base: string;
  let clock: Date;

  const get = (path: string, key = KEY) => fetch(`${base}${path}`, { headers: { authorization: auth(key) } });
  const json = async (path: string) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, any>;
  };

  beforeAll(async () => {
    fake = new FakeMailchimp({ keys: [KEY], now: () => clock });
    base = await fake.start();
  });
  afterAll(() => fake.stop());

  let listSeq = 0;
  let list: string;
  beforeEach(() => {
    clock = new Date("2026-01-05T10:00:00.250Z");
    fake.latencyMs = 0;
    fake.failNext(0);
    fake.onMembersPage = undefined;
    fake.resetCounters();
    list = `list${++listSeq}`;
    fake.addList(list, "Customers");
  });

  it("rejects a missing or unknown key with Mailchimp's problem detail", async () => {
    for (const res of [await fetch(`${base}/ping`), await get("/ping", "wrong-us6")]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = await res.json();
      expect(body).toEqual({
        type: "https://mailchimp.com/developer/marketing/docs/errors/",
        title: "API Key Invalid",
        status: 401,
        detail: "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
        instance: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
    expect(await json("/ping")).toEqual({ health_status: "Everything's Chimpy!" });
    fake.addKey("other-us1");
    expect((await get("/ping", "other-us1")).status).toBe(200);
  });

  it("describes a list with subscribed members as member_count, and 404s an unknown one", async () => {
    fake.addMembers(list, 3);
    fake.addMember(list, { email: "gone@example.com", status: "unsubscribed" });
    const info = await json(`/lists/${list}`);
    expect(info).toMatchObject({ id: list, name: "Customers", stats: { member_count: 3, unsubscribe_count: 1, cleaned_count: 0 } });
    const missing = await get("/lists/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ title: "Resource Not Found", status: 404 });
  });

  it("keys members by the MD5 of the lowercased email and stamps last_changed to the second", async () => {
    const member = fake.addMember(list, { email: "Ada@Example.com", firstName: "Ada", lastName: "Lovelace" });
    expect(member.id).toBe(crypto.createHash("md5").update("ada@example.com").digest("hex"));
    expect(member).toMatchObject({
      email_address: "Ada@Example.com",
      status: "subscribed",
      merge_fields: { FNAME: "Ada", LNAME: "Lovelace" },
      last_changed: "2026-01-05T10:00:00+00:00",
      list_id: list,
    });
    expect(await json(`/lists/${list}/members/${member.id}`)).toEqual(member);
  });

  it("pages in creation order with total_items counting every match, 10 per page by default", async () => {
    const ids = fake.addMembers(list, 25);
    const first = await json(`/lists/${list}/members`);
    expect(first.members.map((m: MailchimpMember) => m.id)).toEqual(ids.slice(0, 10));
    expect(first).toMatchObject({ list_id: list, total_items: 25, _links: [] });
    const seen: string[] = [];
    for (let offset = 0; offset < 25; offset += 10) {
      const page = await json(`/lists/${list}/members?count=10&offset=${offset}`);
      expect(page.total_items).toBe(25);
      seen.push(...page.members.map((m: MailchimpMember) => m.id));
    }
    expect(seen).toEqual(ids);
    expect((await json(`/lists/${list}/members?offset=30`)).members).toEqual([]);
  });

  it("rejects count above 1000 with a 400 problem", async () => {
    const res = await get(`/lists/${list}/members?count=1001`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ title: "Invalid Resource", status: 400, errors: [{ field: "count" }] });
    expect((await get(`/lists/${list}/members?count=1000`)).status).toBe(200);
    expect((await get(`/lists/${list}/members?status=bogus`)).status).toBe(400);
    expect((await get(`/lists/${list}/members?since_last_changed=yesterday`)).status).toBe(400);
  });

  it("filters the body with fields and exclude_fields", async () => {
    fake.addMembers(list, 3);
    const onlyIds = await json(`/lists/${list}/members?fields=members.id`);
    expect(Object.keys(onlyIds)).toEqual(["members"]);
    expect(onlyIds.members).toHaveLength(3);
    for (const m of onlyIds.members) expect(Object.keys(m)).toEqual(["id"]);

    const some = await json(`/lists/${list}/members?fields=members.id,members.email_address,members.merge_fields.FNAME,total_items`);
    expect(some.total_items).toBe(3);
    expect(some.members[0]).toEqual({ id: expect.any(String), email_address: "member0@example.com", merge_fields: { FNAME: "First0" } });

    const without = await json(`/lists/${list}/members?exclude_fields=_links,members.merge_fields,members.stats`);
    expect(without).not.toHaveProperty("_links");
    expect(without.members[0]).not.toHaveProperty("merge_fields");
    expect(without.members[0]).toHaveProperty("last_changed");
  });

  it("returns only members changed strictly after since_last_changed", async () => {
    const early = fake.addMembers(list, 3);
    clock = new Date("2026-01-05T10:00:01.900Z");
    const late = fake.addMembers(list, 2);
    const ids = async (since: string) =>
      (await json(`/lists/${list}/members?count=1000&since_last_changed=${encodeURIComponent(since)}`)).members.map(
        (m: MailchimpMember) => m.id,
      );
    // The members stamped 10:00:00 are not "after" 10:00:00, although the clock read 10:00:00.250.
    expect(await ids("2026-01-05T10:00:00+00:00")).toEqual(late);
    expect(await ids("2026-01-05T09:59:59+00:00")).toEqual([...early, ...late]);
    expect(await ids("2026-01-05T10:00:01+00:00")).toEqual([]);
    const page = await json(`/lists/${list}/members?since_last_changed=2026-01-05T10:00:00Z&count=1`);
    expect(page.total_items).toBe(2);
  });

  it("sorts by last_changed with ties in a stable order, ascending or descending", async () => {
    const [a, b, c] = fake.addMembers(list, 3);
    clock = new Date("2026-01-05T10:00:05Z");
    fake.updateMember(list, a, { firstName: "Changed" });
    const order = async (dir: string) =>
      (await json(`/lists/${list}/members?sort_field=last_changed&sort_dir=${dir}`)).members.map((m: MailchimpMember) => m.id);
    expect(await order("ASC")).toEqual([b, c, a]);
    expect(await order("DESC")).toEqual([a, c, b]);
    // Moving the clock backwards still yields a sorted result.
    clock = new Date("2026-01-05T09:00:00Z");
    fake.updateMember(list, c, { lastName: "Earlier" });
    expect(await order("ASC")).toEqual([c, b, a]);
  });

  it("hides archived members unless asked for, and forgets deleted ones", async () => {
    const [a, b, c] = fake.addMembers(list, 3);
    clock = new Date("2026-01-05T10:00:07Z");
    const archived = fake.archiveMember(list, b);
    expect(archived).toMatchObject({ status: "archived", last_changed: "2026-01-05T10:00:07+00:00" });
    const visible = await json(`/lists/${list}/members`);
    expect(visible.members.map((m: MailchimpMember) => m.id)).toEqual([a, c]);
    expect(visible.total_items).toBe(2);
    const onlyArchived = await json(`/lists/${list}/members?status=archived`);
    expect(onlyArchived.members.map((m: MailchimpMember) => m.id)).toEqual([b]);

    fake.deleteMember(list, c);
    expect((await json(`/lists/${list}/members`)).members.map((m: MailchimpMember) => m.id)).toEqual([a]);
    expect((await get(`/lists/${list}/members/${c}`)).status).toBe(404);
    expect(fake.members(list).map((m) => m.id)).toEqual([a, b]);
  });

  it("re-keys a member whose email changes, keeping its contact_id", async () => {
    const before = fake.addMember(list, { email: "old@example.com" });
    clock = new Date("2026-01-05T10:01:00Z");
    const after = fake.updateMember(list, before.id, { email: "New@example.com" });
    expect(after.id).toBe(crypto.createHash("md5").update("new@example.com").digest("hex"));
    expect(after.contact_id).toBe(before.contact_id);
    expect(after.last_changed).toBe("2026-01-05T10:01:00+00:00");
    expect((await get(`/lists/${list}/members/${before.id}`)).status).toBe(404);
    expect((await json(`/lists/${list}/members/${after.id}`)).email_address).toBe("New@example.com");
    expect(() => fake.addMember(list, { email: "new@EXAMPLE.com" })).toThrow();
  });

  it("injects failures, with Retry-After on 429s, on list and member requests only", async () => {
    fake.addMembers(list, 1);
    fake.failNext(2, 429, { retryAfterSeconds: 3 });
    expect((await get("/ping")).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await get(`/lists/${list}/members`);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("3");
      expect(await res.json()).toMatchObject({ title: "Too Many Requests", status: 429 });
    }
    expect((await get(`/lists/${list}/members`)).status).toBe(200);
    fake.failNext(1);
    const failed = await get(`/lists/${list}`);
    expect(failed.status).toBe(500);
    expect(failed.headers.get("retry-after")).toBeNull();
    expect((await get(`/lists/${list}`)).status).toBe(200);
  });

  it("allows 10 simultaneous requests per key and records the peak", async () => {
    fake.addKey("second-us6");
    const release = fake.holdResponses();
    const before = fake.calls;
    const answered = Promise.all([
      ...Array.from({ length: 12 }, () => get(`/lists/${list}/members`)),
      get(`/lists/${list}/members`, "second-us6"),
    ]);
    // All thirteen are open at once before any is answered.
    await eventually(async () => fake.calls >= before + 13, 10_000, 5);
    release();
    const responses = await answered;
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(11);
    const rejected = responses.filter((r) => r.status === 429);
    expect(rejected).toHaveLength(2);
    expect(await rejected[0].json()).toMatchObject({
      title: "Too Many Requests",
      detail: "You have exceeded the limit of 10 simultaneous connections.",
    });
    await Promise.all(responses.filter((r) => r.status === 200).map((r) => r.arrayBuffer()));
    expect(fake.maxConcurrentByKey.get(KEY)).toBe(12);
    expect(fake.maxConcurrentByKey.get("second-us6")).toBe(1);
    // Slots are given back once responses finish.
    expect((await get(`/lists/${list}/members`)).status).toBe(200);
  });

  it("lets a test change the list between pages", async () => {
    const ids = fake.addMembers(list, 4);
    const pages: number[] = [];
    fake.onMembersPage = ({ listId, offset, served }) => {
      pages.push(served);
      if (listId === list && offset === 0) fake.deleteMember(list, ids[0]);
    };
    const first = await json(`/lists/${list}/members?count=2&offset=0`);
    const second = await json(`/lists/${list}/members?count=2&offset=2`);
    expect(first.members.map((m: MailchimpMember) => m.id)).toEqual([ids[0], ids[1]]);
    // The deletion shifted everything left: an offset-paging client skips ids[2].
    expect(second.members.map((m: MailchimpMember) => m.id)).toEqual([ids[3]]);
    expect(pages).toEqual([2, 1]);
  });

  it("counts calls by path and resets them", async () => {
    await get("/ping");
    await get(`/lists/${list}/members?count=5`);
    await get(`/lists/${list}/members?offset=5`);
    await get(`/lists/${list}`);
    expect(fake.calls).toBe(4);
    expect(fake.membersCalls).toBe(2);
    expect(fake.callsByPath.get(`GET /3.0/lists/${list}/members`)).toBe(2);
    expect(fake.callsByPath.get("GET /3.0/ping")).toBe(1);
    fake.resetCounters();
    expect(fake.calls).toBe(0);
    expect(fake.callsByPath.size).toBe(0);
  });

  // How fast the fake serves a big audience is the sync bench's business (timings are not asserted in tests).
  it("pages through 100,000 members by last_changed, each exactly once", async () => {
    const ids = fake.addMembers(list, 100_000);
    const seen = new Set<string>();
    for (let offset = 0; offset < 100_000; offset += 1000) {
      const page = await json(`/lists/${list}/members?count=1000&offset=${offset}&sort_field=last_changed&fields=members.id,total_items`);
      expect(page.total_items).toBe(100_000);
      for (const m of page.members) seen.add(m.id);
    }
    expect(seen.size).toBe(ids.length);
    expect(fake.membersCalls).toBe(100);
  });
});
