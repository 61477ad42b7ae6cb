require("reflect-metadata");
const pg = require("pg");
const stats = new Map(); global.explained = 0;
const orig = pg.Client.prototype.query;
pg.Client.prototype.query = function (q, ...rest) {
  const text = typeof q === "string" ? q : q && q.text ? q.text : "<copy>";
  const key = text.replace(/\s+/g, " ").slice(0, 110);
  if (process.env.EXPLAIN && text.startsWith(process.env.EXPLAIN) && ++global.explained === 10) {
    const params = rest[0];
    return orig.call(this, "EXPLAIN (ANALYZE, BUFFERS) " + text, params).then((r) => { console.log(r.rows.map((x) => x["QUERY PLAN"]).join("\n")); return { rows: [{}] }; });
  }
  const t0 = process.hrtime.bigint();
  const done = () => { const s = stats.get(key) || { n: 0, ms: 0 }; s.n++; s.ms += Number(process.hrtime.bigint() - t0) / 1e6; stats.set(key, s); };
  const r = orig.call(this, q, ...rest);
  if (r && typeof r.then === "function") return r.then((v) => (done(), v), (e) => (done(), Promise.reject(e)));
  if (r && r.on) { r.on("finish", done); r.on("end", done); }
  return r;
};
const { startConflux } = require("../dist/bench/lib/servers");
const { FakeMailchimp } = require("../dist/test/fakes/mailchimp");
const { AccountScope } = require("../dist/src/db/account-scope");
(async () => {
  const N = Number(process.env.N || 50);
  const mc = new FakeMailchimp(); const url = await mc.start();
  const server = await startConflux(); const c = server.conflux;
  const scope = AccountScope.of(c.services.dataSource, (await c.services.accounts.createAccount("p")).id);
  const key = "0".repeat(31) + "1-us6"; mc.addKey(key);
  const ids = [];
  for (let i = 0; i < N; i++) { mc.addList("l" + i); mc.addMembers("l" + i, 1000, { emailPrefix: `l${i}-` });
    ids.push((await c.services.connections.register(scope, { kind: "mailchimp", name: "l" + i, config: { listId: "l" + i, baseUrl: url, pageSize: 1000 }, secret: { apiKey: key } })).id); }
  if (process.env.DROPGIN) await c.services.dataSource.query("DROP INDEX customer_attributes_idx");
  stats.clear();
  const t0 = performance.now();
  for (const id of ids) { const q = await c.services.connections.triggerSync(scope, id); await c.runner.run({ runId: q.id, accountId: scope.accountId, connectionId: id }, { retryCount: 0, retryLimit: 0 }); }
  const total = performance.now() - t0;
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 60);
  let sum = 0; for (const [, s] of stats) sum += s.ms;
  console.log(`total ${total.toFixed(0)} ms for ${N} runs (${(total / N).toFixed(1)} ms/run), sql ${sum.toFixed(0)} ms`);
  for (const [k, s] of rows) console.log(`${(s.ms / N).toFixed(2).padStart(7)} ms/run ${String(s.n).padStart(6)}x  ${k}`);
  await server.close(); await mc.stop();
})().catch((e) => { console.error(e); process.exit(1); });
