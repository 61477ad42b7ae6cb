import fs from "node:fs";
import zlib from "node:zlib";
import { pipeline, Transform } from "node:stream";
import cliProgress from "cli-progress";
import type { Conflux } from "./server";
import type { AccountScope } from "./db/account-scope";
import type { ImportResult } from "./services/customers/activity-service";

/**
 * `conflux import activity FILE`: streams a (possibly gzipped) NDJSON file into an account with a progress bar
 * over the file's bytes, showing lines and lines per second.
 */
export async function importActivityFile(conflux: Conflux, scope: AccountScope, file: string, showProgress: boolean): Promise<ImportResult> {
  const size = fs.statSync(file).size;
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      done(null, chunk);
    },
  });
  // pipeline, not pipe: a read or gunzip error reaches the importer (and fails the import) instead of hanging it.
  const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const settled = () => undefined; // errors surface through the stream the importer reads
  const input = file.endsWith(".gz")
    ? pipeline(source, counter, zlib.createGunzip(), settled)
    : pipeline(source, counter, settled);

  const bar = new cliProgress.SingleBar(
    { format: "{phase} {bar} {percentage}% | {lines} lines | {rate} lines/s | {mb} MB read | {errors} bad lines", hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  if (showProgress) bar.start(size, 0, { phase: "reading", lines: 0, rate: 0, mb: "0.0", errors: 0 });
  const result = await conflux.services.activity.importStream(scope, file, input, (p) => {
    if (!showProgress) return;
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    bar.update(read, { phase: p.phase, lines: p.lines, rate: Math.round(p.lines / seconds), mb: (read / 1e6).toFixed(1), errors: p.errorCount });
  });
  if (showProgress) {
    bar.update(size);
    bar.stop();
  }
  return result;
}

/** A human summary of an import: counts, then the first bad lines. */
export function describeImport(result: ImportResult, seconds: number): string {
  const lines = [
    `${result.status}: ${result.lines} lines in ${seconds.toFixed(1)} s (${Math.round(result.lines / Math.max(seconds, 0.001))} lines/s)`,
    `  applied ${result.applied}, duplicates ${result.duplicates}, anonymous ${result.anonymous}, bad lines ${result.errorCount}`,
  ];
  if (result.failure) lines.push(`  failed: ${result.failure}`);
  for (const e of result.errors.slice(0, 20)) lines.push(`  line ${e.line}: ${e.reason}`);
  if (result.errorCount > 20) lines.push(`  … ${result.errorCount - 20} more (import ${result.importId})`);
  return lines.join("\n");
}
