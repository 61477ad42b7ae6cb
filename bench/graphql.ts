import "reflect-metadata";
import { runLoad } from "./lib/load";
import { envCount, startBareHttp, startConflux } from "./lib/servers";
import { figure, printTable } from "./lib/report";

/**
 * Requests/s and p99 latency of a small authenticated GraphQL query against the real Conflux server, beside a bare
 * node:http server answering the same bytes in the same process: the floor under what Express, Apollo and the
 * API-key lookup cost. PostgreSQL when DATABASE_URL is set (in a schema of its own, dropped afterwards), the
 * embedded database in memory otherwise.
 *
 *   BENCH_DURATION=10 BENCH_CONNECTIONS=50 [DATABASE_URL=postgres://…] npm run bench -- graphql
 */

const BENCH = "graphql";
const QUERY = "{ viewer { account { name } } }";
// Byte for byte what Apollo answers (it ends its JSON with a newline), so both servers send the same payload.
const RESPONSE = `${JSON.stringify({ data: { viewer: { account: { name: "default" } } } })}\n`;

async function main(): Promise<void> {
  const durationSeconds = envCount("BENCH_DURATION", 10);
  const connections = envCount("BENCH_CONNECTIONS", 50);
  const conflux = await startConflux();
  const bare = await startBareHttp(RESPONSE, "application/json; charset=utf-8");
  try {
    const { issued } = await conflux.conflux.services.accounts.ensureDefaultAccount();
    if (!issued) throw new Error("the default account already existed, so its key is unknown");
    console.error(`${BENCH}: database ${conflux.database}; ${durationSeconds} s × ${connections} connections per server`);
    const load = {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${issued.key}` },
      body: JSON.stringify({ query: QUERY }),
      durationSeconds,
      connections,
      expectBody: RESPONSE,
    };
    const floor = await runLoad({ ...load, url: `${bare.url}/graphql` });
    // Neither run should pay for the other's garbage.
    global.gc?.();
    const real = await runLoad({ ...load, url: `${conflux.url}/graphql` });

    figure(BENCH, "conflux req/s", real.requestsPerSec, "req/s", { against: "bare-http", value: floor.requestsPerSec });
    figure(BENCH, "conflux p99", real.p99LatencyMs, "ms", { against: "bare-http", value: floor.p99LatencyMs });
    figure(BENCH, "bare-http req/s", floor.requestsPerSec, "req/s");
    figure(BENCH, "bare-http p99", floor.p99LatencyMs, "ms");
    printTable();
  } finally {
    await bare.close();
    await conflux.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
