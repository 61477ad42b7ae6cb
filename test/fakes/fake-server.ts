import type http from "node:http";

/** The control surface the enrichment vendor fakes share; tests and benchmarks drive both the same way. */
export interface FakeVendor<Options, Stats, Input, Answer> {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The key currently accepted. */
  readonly apiKey: string;
  /** Live counters, updated as requests are decided; `resetStats()` zeroes them in place. */
  readonly stats: Stats;
  /** What the vendor answers for this input under the current options, without a call; null when it knows nothing. */
  knows(input: Input): Answer | null;
  /** The next `n` enrichment requests, whatever they hold, answer `status` (default 503). */
  failNext(n: number, status?: number): void;
  /** Changes options for requests that arrive from now on; omitted (or undefined) keys stay. */
  setOptions(changes: Partial<Options>): void;
  resetStats(): void;
  /** Stops listening, drops keep-alive connections and answers still waiting on latency. */
  close(): Promise<void>;
}

/** Closes a fake's server: answers still waiting on simulated latency are dropped, kept-alive sockets closed. */
export function closeServer(server: http.Server, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The fakes' `holdResponses`: requests that arrive while `held` is set wait for it, then go on in arrival order. */
export class ResponseHold {
  held: Promise<void> | undefined;

  /** Holds requests from now on; the returned function lets them go. */
  hold(): () => void {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }
}
