import readline from "node:readline";
import { startEnrichmentVendor, VendorOptions } from "./enrichment-vendor";

/**
 * Runs the enrichment vendor fake as its own process, so a benchmark measures Conflux and not a fake sharing its
 * event loop. `npm run build` compiles it to dist/test/fakes/enrichment-vendor-process.js.
 *
 *   node dist/test/fakes/enrichment-vendor-process.js '{"seed":"a","latencyMs":20,…}'   (VendorOptions as JSON)
 *
 * Prints `{"url":"http://127.0.0.1:PORT"}` once listening. Then reads commands on stdin, one per line: `stats`
 * answers the counters as one JSON line, `reset` zeroes them (and answers `{}`). Exits on SIGTERM or end of stdin.
 */
async function main() {
  const options = JSON.parse(process.argv[2] ?? "{}") as Partial<VendorOptions>;
  const vendor = await startEnrichmentVendor(options);
  process.stdout.write(`${JSON.stringify({ url: vendor.url })}\n`);
  const stop = async () => {
    await vendor.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  readline.createInterface({ input: process.stdin })
    .on("line", (line) => {
      if (line.trim() === "reset") vendor.resetStats();
      process.stdout.write(`${JSON.stringify(line.trim() === "stats" ? vendor.stats : {})}\n`);
    })
    .on("close", stop);
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
