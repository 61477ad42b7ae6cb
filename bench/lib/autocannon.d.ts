// autocannon 8 ships no types: only the part of its API that bench/lib/load.ts uses.
declare module "autocannon" {
  namespace autocannon {
    interface Options {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Seconds. */
      duration?: number;
      connections?: number;
      /** Worker threads firing the requests; 0 fires them from the calling thread. */
      workers?: number;
      /** Responses with another body count as mismatches. */
      expectBody?: string;
      /** A run before the measured one whose results are discarded. */
      warmup?: { duration?: number; connections?: number };
    }

    /** Per-second request counts, or latencies in milliseconds. */
    interface Histogram {
      average: number;
      p50: number;
      p99: number;
    }

    interface Result {
      requests: Histogram;
      latency: Histogram;
      /** Connection errors, timeouts included. */
      errors: number;
      non2xx: number;
      mismatches: number;
      statusCodeStats: Record<string, { count: number }>;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
