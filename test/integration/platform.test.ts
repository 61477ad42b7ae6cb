import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import {
  ApiKeysDocument,
  ConnectionDocument,
  ConnectionsDocument,
  CreateApiKeyDocument,
  DeleteConnectionDocument,
  RegisterConnectionDocument,
  RevokeApiKeyDocument,
  TestConnectionDocument,
  TriggerSyncDocument,
  UpdateConnectionDocument,
  ViewerDocument,
} from "../generated/graphql";

let t: TestConflux;
beforeAll(async () => {
  t = await startTestConflux();
});
afterAll(() => t.close());

describe("API keys", () => {
  it("answers viewer with the caller's account and role", async () => {
    const res = await t.gql(ViewerDocument, {});
    expect(res.data?.viewer).toEqual({ account: { id: t.defaultAccountId, name: "default" }, role: "ADMIN" });
  });

  it("rejects a missing or wrong key with UNAUTHENTICATED", async () => {
    for (const key of [null, "cfx_nope_nope"]) {
      const res = await t.gql(ViewerDocument, {}, key);
      expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(res.data).toBeNull();
    }
  });

  it("creates a key shown once, stores only its hash, and revokes it", async () => {
    const created = await t.gql(CreateApiKeyDocument, { name: "ci", role: "MEMBER" });
    const { key, apiKey } = created.data!.createApiKey;
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const rows = await t.conflux.services.dataSource.query(`SELECT key_hash FROM api_key WHERE id = $1`, [apiKey.id]);
    expect(rows[0].key_hash).not.toContain(key);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);

    const asMember = await t.gql(ViewerDocument, {}, key);
    expect(asMember.data?.viewer.role).toBe("MEMBER");
    const listed = await t.gql(ApiKeysDocument, {});
    expect(JSON.stringify(listed)).not.toContain(key);

    await t.gql(RevokeApiKeyDocument, { id: apiKey.id });
    const afterRevoke = await t.gql(ViewerDocument, {}, key);
    expect(afterRevoke.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses admin mutations to a MEMBER with FORBIDDEN", async () => {
    const { key } = (await t.gql(CreateApiKeyDocument, { name: "member", role: "MEMBER" })).data!.createApiKey;
    const res = await t.gql(CreateApiKeyDocument, { name: "escalate", role: "ADMIN" }, key);
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const reg = await t.gql(RegisterConnectionDocument, { kind: "http-json", name: "x", config: { url: "http://127.0.0.1:1/" } }, key);
    expect(reg.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("connections", () => {
  it("validates config with the plugin schema and names the field", async () => {
    const res = await t.gql(RegisterConnectionDocument, { kind: "http-json", name: "bad", config: { url: "not a url" } });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].extensions?.field).toBe("config.url");
    const unknownKind = await t.gql(RegisterConnectionDocument, { kind: "nope", name: "bad", config: {} });
    expect(unknownKind.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const badCron = await t.gql(RegisterConnectionDocument, { kind: "http-json", name: "bad", config: { url: "http://x.test/" }, schedule: "every hour" });
    expect(badCron.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const lowLag = await t.gql(RegisterConnectionDocument, { kind: "http-json", name: "bad", config: { url: "http://x.test/" }, lagThreshold: 1 });
    expect(lowLag.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("encrypts the secret at rest and never returns it", async () => {
    const secret = { bearerToken: "s3cr3t-token-value" };
    const res = await t.gql(RegisterConnectionDocument, {
      kind: "http-json",
      name: "secretive",
      config: { url: "http://127.0.0.1:9/records" },
      secret,
      schedule: "0 * * * *",
      lagThreshold: 3600,
    });
    const connection = res.data!.registerConnection;
    expect(connection.config).toEqual({ url: "http://127.0.0.1:9/records", idField: "id" });
    expect(connection.nextSyncAt).not.toBeNull();
    const [row] = await t.conflux.services.dataSource.query(`SELECT secret_encrypted, config::text FROM connection WHERE id = $1`, [connection.id]);
    expect(row.secret_encrypted).toMatch(/^v1:/);
    expect(row.secret_encrypted).not.toContain("s3cr3t");
    const read = await t.gql(ConnectionDocument, { id: connection.id });
    expect(JSON.stringify(read)).not.toContain("s3cr3t");
    const dup = await t.gql(RegisterConnectionDocument, { kind: "http-json", name: "secretive", config: { url: "http://127.0.0.1:9/" } });
    expect(dup.errors?.[0].extensions?.code).toBe("CONFLICT");
  });

  it("pages connections with keyset cursors and a total", async () => {
    for (const n of [1, 2, 3]) {
      await t.gql(RegisterConnectionDocument, { kind: "http-json", name: `paged-${n}`, config: { url: "http://127.0.0.1:9/" } });
    }
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: Awaited<ReturnType<typeof t.gql<any, any>>> = await t.gql(ConnectionsDocument, { first: 2, after });
      const c = page.data!.connections;
      total = c.totalCount;
      seen.push(...c.edges.map((e: { node: { name: string } }) => e.node.name));
      after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual(expect.arrayContaining(["paged-1", "paged-2", "paged-3"]));
  });

  it("updates, tests and deletes a connection", async () => {
    const id = (await t.gql(RegisterConnectionDocument, { kind: "http-json", name: "tmp", config: { url: "http://127.0.0.1:9/" } })).data!.registerConnection.id;
    const paused = await t.gql(UpdateConnectionDocument, { id, paused: true, name: "tmp2" });
    expect(paused.data?.updateConnection).toMatchObject({ name: "tmp2", paused: true, health: "PAUSED" });
    const tested = await t.gql(TestConnectionDocument, { id });
    expect(tested.data?.testConnection.ok).toBe(false);
    expect(tested.data?.testConnection.message).toMatch(/ECONNREFUSED|connect/i);
    await t.gql(DeleteConnectionDocument, { id });
    const gone = await t.gql(ConnectionDocument, { id });
    expect(gone.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});

describe("tenancy", () => {
  it("gives account B NOT_FOUND or nothing for every id of account A", async () => {
    const a = await t.newAccount("tenant-a");
    const b = await t.newAccount("tenant-b");
    const conn = (await t.gql(RegisterConnectionDocument, { kind: "http-json", name: "a-only", config: { url: "http://127.0.0.1:9/" } }, a.key)).data!.registerConnection;
    const run = (await t.gql(TriggerSyncDocument, { id: conn.id }, a.key)).data!.triggerSync;
    const aKey = (await t.gql(CreateApiKeyDocument, { name: "a-key" }, a.key)).data!.createApiKey.apiKey;

    for (const [doc, vars] of [
      [ConnectionDocument, { id: conn.id }],
      [UpdateConnectionDocument, { id: conn.id, name: "stolen" }],
      [DeleteConnectionDocument, { id: conn.id }],
      [TestConnectionDocument, { id: conn.id }],
      [TriggerSyncDocument, { id: conn.id }],
      [RevokeApiKeyDocument, { id: aKey.id }],
    ] as const) {
      const res = await t.gql(doc as never, vars as never, b.key);
      expect(res.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    }
    const listB = await t.gql(ConnectionsDocument, {}, b.key);
    expect(listB.data?.connections.totalCount).toBe(0);
    const keysB = await t.gql(ApiKeysDocument, {}, b.key);
    expect(keysB.data?.apiKeys.map((k) => k.id)).not.toContain(aKey.id);

    // A's data is untouched by B's attempts.
    const stillA = await t.gql(ConnectionDocument, { id: conn.id }, a.key);
    expect(stillA.data?.connection.name).toBe("a-only");
    expect(stillA.data?.connection.runs.map((r) => r.id)).toContain(run.id);
  });
});

describe("HTTP surface", () => {
  it("serves health, readiness and Prometheus metrics", async () => {
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${t.baseUrl}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toContain("conflux_http_requests_total");
    expect(metrics).toContain("conflux_sync_runs_total");
  });

  it("refuses over-deep and over-complex queries and oversized bodies", async () => {
    const deep = `{ connections { edges { node { runs { connection { runs { connection { runs { connection { runs { connection { runs { connection { id } } } } } } } } } } } } } }`;
    const res = await t.gql(deep);
    expect(res.errors?.[0].message).toMatch(/depth/i);
    const complex = await t.gql(`{ connections(first: 1000) { edges { node { runs(first: 50) { id status fetched connection { id name kind } } } } } }`);
    expect(complex.errors?.[0].message).toMatch(/too complex/);
    const big = await fetch(`${t.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.adminKey}` },
      body: JSON.stringify({ query: "{ viewer { role } }", padding: "x".repeat(2_000_000) }),
    });
    expect(big.status).toBe(413);
  });

  it("answers a variable of the wrong type 400 BAD_USER_INPUT, naming the variable", async () => {
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.adminKey}` },
      body: JSON.stringify({ query: "query Page($n: Int) { customers(first: $n) { totalCount } }", variables: { n: "many" } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toMatch(/Variable "\$n" got invalid value "many"/);
  });
});
