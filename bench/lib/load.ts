import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  /** GET by default. */
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  durationSeconds: number;
  connections: number;
  /** When set, any other response body fails the run, so a 200 carrying GraphQL errors is not measured as success. */
  expectBody?: string;
}

export interface LoadResult {
  /** Mean over the per-second samples. */
  requestsPerSec: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
  errors: number;
  non2xx: number;
}

/**
 * Keeps `connections` requests in flight against `url` for `durationSeconds` after a one-second warm-up (JIT,
 * connection pools). The requests are fired from a worker thread: a server in this process would otherwise share
 * its event loop with the load generator. Throws when any request failed, so failures are never reported as speed.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  // autocannon's defaults give way to keys that are present but undefined, so these are filled in here.
  const result = await autocannon({
    url: options.url,
    method: options.method ?? "GET",
    headers: options.headers ?? {},
    body: options.body,
    duration: options.durationSeconds,
    connections: options.connections,
    expectBody: options.expectBody,
    workers: 1,
    warmup: { duration: 1, connections: options.connections },
  });
  if (result.errors || result.non2xx || result.mismatches) {
    throw new Error(
      `load against ${options.url} failed: ${result.errors} errors, ${result.non2xx} non-2xx, ` +
        `${result.mismatches} unexpected bodies (status codes ${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  return {
    requestsPerSec: result.requests.average,
    p50LatencyMs: result.latency.p50,
    p99LatencyMs: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
