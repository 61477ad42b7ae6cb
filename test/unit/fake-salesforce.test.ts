import crypto from "node:crypto";
import { FakeSalesforce, idChecksum, startFakeSalesforce } from "../fakes/salesforce";

const CREDS = { username: "sync@acme.test", password: "pw", securityToken: "TOKEN123", clientId: "cid", clientSecret: "csecret" };
const V = "/services/data/v59.0";

describe("FakeSalesforce", () => {
  let fake: FakeSalesforce;
  let clock: Date;
  let token: string;

  const tokenForm = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({ grant_type: "password", client_id: CREDS.clientId, client_secret: CREDS.clientSecret, username: CREDS.username, password: CREDS.password + CREDS.securityToken, ...overrides });
  const login = async (overrides: Record<string, string> = {}) => {
    const res = await fetch(`${fake.loginUrl}/services/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: tokenForm(overrides).toString(),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
  };
  const api = async (path: string, auth = token) => {
    const res = await fetch(`${fake.instanceUrl}${path}`, { headers: { authorization: `Bearer ${auth}` } });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const soql = (q: string, resource = "query") => api(`${V}/${resource}?q=${encodeURIComponent(q)}`);
  const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

  beforeEach(async () => {
    clock = new Date("2026-11-23T10:00:00.000Z");
    fake = await startFakeSalesforce({ ...CREDS, now: () => clock });
    token = (await login()).body.access_token;
  });
  afterEach(() => fake.stop());

  it("issues tokens by the username-password flow, from a form body or the query string", async () => {
    const ok = await login();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("sforce-limit-info")).toBeNull();
    const { id, issued_at, signature, access_token, instance_url, token_type } = ok.body;
    expect({ instance_url, token_type, issued_at }).toEqual({ instance_url: fake.instanceUrl, token_type: "Bearer", issued_at: String(clock.getTime()) });
    expect(access_token).toMatch(/^00D\w{12}!AQ/);
    expect(signature).toBe(crypto.createHmac("sha256", CREDS.clientSecret).update(id + issued_at).digest("base64"));

    const byQuery = await fetch(`${fake.loginUrl}/services/oauth2/token?${tokenForm()}`, { method: "POST" });
    expect(byQuery.status).toBe(200);
    // A JSON body is not read: the request then has no grant_type.
    const json = await fetch(`${fake.loginUrl}/services/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(Object.fromEntries(tokenForm())),
    });
    expect([json.status, await json.json()]).toEqual([400, { error: "unsupported_grant_type", error_description: "grant type not supported" }]);
    expect(fake.tokenRequests).toBe(4);
  });

  it("rejects bad credentials with OAuth errors", async () => {
    expect(await login({ password: CREDS.password })).toMatchObject({ status: 400, body: { error: "invalid_grant", error_description: "authentication failure" } });
    expect(await login({ username: "other@acme.test" })).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await login({ client_id: "nope" })).toMatchObject({ status: 400, body: { error: "invalid_client_id" } });
    expect(await login({ client_secret: "nope" })).toMatchObject({ status: 400, body: { error: "invalid_client" } });
    expect((await fetch(`${fake.loginUrl}${V}/limits`)).status).toBe(404); // the login host serves no data API
  });

  it("answers 401 INVALID_SESSION_ID to a missing, unknown or expired token", async () => {
    expect(await api(`${V}/limits`, "bogus")).toMatchObject({ status: 401, body: [{ errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid" }] });
    expect((await api(`${V}/limits`)).status).toBe(200);
    fake.expireTokens();
    expect((await api(`${V}/limits`)).status).toBe(401);
    token = (await login()).body.access_token;
    expect((await api(`${V}/limits`)).status).toBe(200);
  });

  it("makes 18-character ids with the key prefix and checksum", () => {
    const a = fake.addAccount({ Name: "Acme" });
    const c = fake.addContact({ LastName: "Lovelace", AccountId: a });
    expect(a).toMatch(/^001[0-9A-Za-z]{15}$/);
    expect(c).toMatch(/^003[0-9A-Za-z]{15}$/);
    expect(a.slice(15)).toBe(idChecksum(a.slice(0, 15)));
    expect(idChecksum("001A0000006Vm9r")).toBe("IAC"); // Salesforce's documented example pair
  });

  it("queries records with attributes and Salesforce datetimes; query hides deleted ones, queryAll does not", async () => {
    const a = fake.addAccount({ Name: "Acme", Website: "acme.test", NumberOfEmployees: 250, BillingCountry: "France", BillingState: "IDF" });
    tick(1234);
    const b = fake.addAccount({ Name: "Globex" });
    tick(1000);
    fake.deleteAccount(b);
    const res = await soql("select id, name, numberofemployees, billingstate, systemmodstamp, isdeleted from account");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: "Account", url: `${V}/sobjects/Account/${a}` },
          Id: a,
          Name: "Acme",
          NumberOfEmployees: 250,
          BillingState: "IDF",
          SystemModstamp: "2026-11-23T10:00:00.000+0000",
          IsDeleted: false,
        },
      ],
    });
    const all = await soql("SELECT Id, IsDeleted, SystemModstamp FROM Account", "queryAll");
    expect(all.body.records.map((r: any) => [r.Id, r.IsDeleted, r.SystemModstamp])).toEqual([
      [a, false, "2026-11-23T10:00:00.000+0000"],
      [b, true, "2026-11-23T10:00:02.234+0000"],
    ]);
    expect((await soql("SELECT COUNT() FROM Account")).body).toEqual({ totalSize: 1, done: true, records: [] });
    expect((await soql("SELECT COUNT() FROM Account", "queryAll")).body.totalSize).toBe(2);
    expect(fake.queries).toBe(4);
  });

  it("filters on SystemModstamp and IsDeleted, orders and limits", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++, tick(1000)) ids.push(fake.addContact({ LastName: `L${i}` }));
    fake.deleteContact(ids[4]);
    const q = async (where: string, resource = "query") => (await soql(`SELECT Id FROM Contact ${where}`, resource)).body.records.map((r: any) => r.Id);
    expect(await q("WHERE SystemModstamp >= 2026-11-23T10:00:01Z AND SystemModstamp < 2026-11-23T10:00:03.000+0000")).toEqual(ids.slice(1, 3));
    expect(await q("WHERE SystemModstamp > 2026-11-23T11:00:01+01:00")).toEqual(ids.slice(2, 4));
    expect(await q("WHERE IsDeleted = true", "queryAll")).toEqual([ids[4]]);
    expect(await q("WHERE IsDeleted = true")).toEqual([]);
    expect(await q("ORDER BY SystemModstamp DESC, Id ASC LIMIT 2")).toEqual([ids[3], ids[2]]);
  });

  it("rejects what it does not parse with Salesforce's error codes", async () => {
    const error = async (q: string) => {
      const res = await soql(q);
      expect(res.status).toBe(400);
      return res.body[0];
    };
    expect(await error("SELECT Id FROM Account WHERE")).toMatchObject({ errorCode: "MALFORMED_QUERY", message: expect.stringContaining("unexpected token: '<EOF>'") });
    expect(await error("SELECT Id FROM Account WHERE IsDeleted = false OR IsDeleted = true")).toMatchObject({
      errorCode: "MALFORMED_QUERY",
      message: expect.stringContaining("ERROR at Row:1:Column:48\nunexpected token: 'OR'"),
    });
    expect(await error("SELECT Id, FROM Account")).toMatchObject({ errorCode: "MALFORMED_QUERY" });
    expect(await error("SELECT Id FROM Account WHERE Name = 'x'")).toMatchObject({ errorCode: "MALFORMED_QUERY" });
    expect(await error("SELECT Id FROM Account LIMIT 2 garbage")).toMatchObject({ errorCode: "MALFORMED_QUERY" });
    expect(await error("SELECT Id FROM Account WHERE SystemModstamp >= '2026-11-23T10:00:00Z'")).toMatchObject({
      errorCode: "INVALID_FIELD",
      message: "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should not be enclosed in quotes",
    });
    expect(await error("SELECT Id, Nope FROM Account")).toMatchObject({ errorCode: "INVALID_FIELD", message: expect.stringMatching(/^No such column 'Nope' on entity 'Account'/) });
    expect(await error("SELECT Id FROM Lead")).toMatchObject({ errorCode: "INVALID_TYPE" });
    expect((await api(`${V}/query`)).body[0]).toMatchObject({ errorCode: "MALFORMED_QUERY" });
  });

  it("pages through a snapshot taken at query time, by nextRecordsUrl", async () => {
    fake.pageSize = 3;
    const ids = Array.from({ length: 7 }, (_, i) => fake.addAccount({ Name: `A${i}` }));
    const first = await soql("SELECT Id, Name FROM Account ORDER BY Id");
    expect(first.body).toMatchObject({ totalSize: 7, done: false, nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v59\.0\/query\/01g[0-9A-Za-z]{15}-3$/) });
    tick(60_000);
    fake.updateAccount(ids[5], { Name: "renamed" });
    fake.deleteAccount(ids[6]);
    fake.addAccount({ Name: "late" });
    const second = await api(first.body.nextRecordsUrl);
    expect(second.body).toMatchObject({ totalSize: 7, done: false, nextRecordsUrl: first.body.nextRecordsUrl.replace(/-3$/, "-6") });
    const third = await api(second.body.nextRecordsUrl);
    expect(third.body.done).toBe(true);
    expect(third.body).not.toHaveProperty("nextRecordsUrl");
    const names = [...first.body.records, ...second.body.records, ...third.body.records].map((r: any) => r.Name);
    expect(names).toEqual(["A0", "A1", "A2", "A3", "A4", "A5", "A6"]);
    expect([fake.queries, fake.queryMores]).toEqual([1, 2]);
    // A finished cursor is closed.
    expect((await api(second.body.nextRecordsUrl)).body[0].errorCode).toBe("INVALID_QUERY_LOCATOR");
  });

  it("expires a cursor after 15 minutes of inactivity and keeps 10 open at most", async () => {
    fake.pageSize = 1;
    fake.addAccount();
    fake.addAccount();
    const first = await soql("SELECT Id FROM Account");
    tick(14 * 60_000);
    expect((await api(first.body.nextRecordsUrl)).status).toBe(200);
    const again = await soql("SELECT Id FROM Account");
    tick(15 * 60_000 + 1);
    expect(await api(again.body.nextRecordsUrl)).toMatchObject({ status: 400, body: [{ errorCode: "INVALID_QUERY_LOCATOR", message: "invalid query locator" }] });
    const cursors = [];
    for (let i = 0; i < 11; i++) cursors.push((await soql("SELECT Id FROM Account")).body.nextRecordsUrl);
    expect((await api(cursors[0])).status).toBe(400);
    expect((await api(cursors[1])).status).toBe(200);
  });

  it("reports API usage on every data API answer and refuses calls once the daily limit is reached", async () => {
    fake.apiLimit = 3;
    const first = await api(`${V}/limits`);
    expect(first.headers.get("sforce-limit-info")).toBe("api-usage=1/3");
    expect(first.body).toEqual({ DailyApiRequests: { Max: 3, Remaining: 2 } });
    expect((await soql("SELECT Id FROM Lead")).headers.get("sforce-limit-info")).toBe("api-usage=2/3");
    expect((await soql("SELECT COUNT() FROM Account")).headers.get("sforce-limit-info")).toBe("api-usage=3/3");
    const refused = await soql("SELECT COUNT() FROM Account");
    expect(refused).toMatchObject({ status: 403, body: [{ errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." }] });
    expect(refused.headers.get("sforce-limit-info")).toBe("api-usage=3/3");
    expect(fake.apiUsed).toBe(3);
    expect(fake.apiCalls).toBe(4);
  });

  it("injects failures before authentication, without counting them as usage", async () => {
    fake.failNext(2, 503);
    expect((await api(`${V}/limits`)).body[0].errorCode).toBe("SERVER_UNAVAILABLE");
    expect((await api(`${V}/limits`, "bogus")).status).toBe(503);
    expect((await api(`${V}/limits`)).status).toBe(200);
    expect([fake.apiCalls, fake.apiUsed]).toEqual([3, 1]);
  });

  it("lists deleted records by getDeleted, to the minute", async () => {
    const [a, b, c] = [fake.addAccount(), fake.addAccount(), fake.addAccount()];
    tick(5 * 60_000 + 7_000); // 10:05:07
    fake.deleteAccount(a);
    tick(60_000); // 10:06:07
    fake.deleteAccount(b);
    tick(10 * 60_000); // 10:16:07
    const deleted = (start: string, end: string) => api(`${V}/sobjects/Account/deleted/?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`);
    const res = await deleted("2026-11-23T10:00:00+00:00", "2026-11-23T10:06:30Z");
    expect(res.body).toEqual({
      deletedRecords: [{ id: a, deletedDate: "2026-11-23T10:05:07.000+0000" }],
      earliestDateAvailable: "2026-11-23T10:00:00.000+0000",
      latestDateCovered: "2026-11-23T10:06:00.000+0000",
    });
    const rest = await deleted(res.body.latestDateCovered, "2027-01-01T00:00:00Z");
    expect(rest.body.deletedRecords.map((r: any) => r.id)).toEqual([b]);
    expect(rest.body.latestDateCovered).toBe("2026-11-23T10:16:00.000+0000");
    expect((await deleted("2026-11-23T10:00:10Z", "2026-11-23T10:00:50Z")).body[0].errorCode).toBe("INVALID_REPLICATION_DATE");
    expect((await deleted("2026-11-01T00:00:00Z", "2026-11-23T10:00:00Z")).body[0].errorCode).toBe("INVALID_REPLICATION_DATE");
    expect(fake.rows("Account").map((r) => [r.Id, r.IsDeleted])).toEqual([[a, true], [b, true], [c, false]]);
  });
});
