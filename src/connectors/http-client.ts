import { getGlobalDispatcher, request, Dispatcher } from "undici";
import { getOnce } from "./http-get-once";
import type { Semaphore } from "./concurrency";
import { isNetworkError } from "../network-errors";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly url: string,
  ) {
    super(`HTTP ${status} from ${url}: ${body.slice(0, 300)}`);
    this.name = "HttpError";
  }
  get isRetryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

export interface HttpClientOptions {
  timeoutMs?: number;
  retries?: number;
  /** Base delay of the exponential back-off. */
  backoffMs?: number;
  /** Requests per second allowed for this client (one client per connection). */
  ratePerSecond?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Shared with every client calling with the same credentials (see ConnectorPlugin.concurrency). */
  limiter?: Semaphore;
  /** Aborts waits and requests: a cancelled run stops between two calls. */
  signal?: AbortSignal;
  /** Where requests go (an undici Pool of a fixed number of connections); undici's global agent by default. */
  dispatcher?: Dispatcher;
}

export interface HttpRequest {
  method?: Dispatcher.HttpMethod;
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded instead of a JSON body (OAuth token endpoints). */
  form?: Record<string, string>;
}

export interface HttpResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

const ACCEPT_JSON = { accept: "application/json" };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one way a connector calls out: timeouts, retries with exponential back-off that honour `Retry-After`,
 * a per-client rate limit and a count of API calls for the run record. Built on undici.
 */
export class HttpClient {
  apiCalls = 0;
  /** Response body bytes received, for the run record. */
  bytes = 0;
  private nextSlotAt = 0;
  private readonly opts: Required<Omit<HttpClientOptions, "limiter" | "signal" | "dispatcher">>;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.opts = {
      timeoutMs: options.timeoutMs ?? 30_000,
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 500,
      ratePerSecond: options.ratePerSecond ?? 20,
      sleep: options.sleep ?? defaultSleep,
    };
  }

  /** Sends requests through `dispatcher` from now on. */
  useDispatcher(dispatcher: Dispatcher): this {
    this.options.dispatcher = dispatcher;
    return this;
  }

  /** The same settings with another limiter (a plugin's concurrency key is known only once its secret is). */
  withLimiter(limiter: Semaphore | undefined): this {
    this.options.limiter = limiter;
    return this;
  }

  async json<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const url = new URL(req.url);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    let attempt = 0;
    for (;;) {
      this.options.signal?.throwIfAborted();
      await this.waitForRateSlot();
      this.apiCalls++;
      const release = await this.options.limiter?.acquire();
      try {
        const contentType = req.form ? "application/x-www-form-urlencoded" : req.body !== undefined ? "application/json" : undefined;
        const res = await request(url, {
          method: req.method ?? "GET",
          headers: { accept: "application/json", ...(contentType ? { "content-type": contentType } : {}), ...req.headers },
          body: req.form ? new URLSearchParams(req.form).toString() : req.body === undefined ? undefined : JSON.stringify(req.body),
          headersTimeout: this.opts.timeoutMs,
          bodyTimeout: this.opts.timeoutMs,
          signal: this.options.signal,
          dispatcher: this.options.dispatcher,
        });
        const text = await res.body.text();
        release?.();
        this.bytes += Buffer.byteLength(text);
        if (res.statusCode >= 400) {
          const error = new HttpError(res.statusCode, text, url.origin + url.pathname);
          if (!error.isRetryable || attempt >= this.opts.retries) throw error;
          await this.opts.sleep(this.retryDelay(attempt++, res.headers["retry-after"]));
          continue;
        }
        return { status: res.statusCode, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
      } catch (error) {
        release?.();
        if (error instanceof HttpError || attempt >= this.opts.retries || !isNetworkError(error)) throw error;
        await this.opts.sleep(this.retryDelay(attempt++, undefined));
      }
    }
  }

  /**
   * One GET of a JSON document: no retries, pacing or limiter (the caller's, as for a poll retried within its
   * slot), and no stream per response (see getOnce). Throws HttpError on a status of 400 or more.
   */
  async getJsonOnce<T = unknown>(url: string): Promise<HttpResponse<T>> {
    const target = new URL(url);
    this.apiCalls++;
    const answer = await getOnce(this.options.dispatcher ?? getGlobalDispatcher(), target, ACCEPT_JSON, this.opts.timeoutMs);
    this.bytes += answer.bytes;
    if (answer.status >= 400) throw new HttpError(answer.status, answer.text, target.origin + target.pathname);
    return { status: answer.status, headers: {}, body: (answer.text ? JSON.parse(answer.text) : null) as T };
  }

  private retryDelay(attempt: number, retryAfter: string | string[] | undefined): number {
    const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
    if (header) {
      const seconds = Number(header);
      if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
      const at = Date.parse(header);
      if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
    }
    return this.opts.backoffMs * 2 ** attempt * (0.5 + Math.random() / 2);
  }

  /** Spaces requests evenly at the configured rate (a leaky bucket of size one). */
  private async waitForRateSlot(): Promise<void> {
    const interval = 1000 / this.opts.ratePerSecond;
    const now = Date.now();
    const at = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = at + interval;
    if (at > now) await this.opts.sleep(at - now);
  }
}
