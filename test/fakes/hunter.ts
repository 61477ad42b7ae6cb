import http from "node:http";
import { performance } from "node:perf_hooks";
import { fieldValue, hashOf, resolvePerson, unitOf } from "./enrichment-vendor";
import { closeServer, FakeVendor } from "./fake-server";

/**
 * A stand-in for Hunter's API v2 Email Finder and Account endpoints, following https://hunter.io/api-documentation/v2:
 *
 * - `GET /v2/email-finder` takes `domain` or `company` (the domain wins when both come, as Hunter's reference says
 *   of Domain Search) and `first_name` + `last_name` or `full_name`; anything less is 400 `wrong_params`. The key
 *   comes in the `api_key` query parameter or the `X-API-KEY` header; none or a wrong one is 401
 *   `authentication_failed`. Errors are `{"errors":[{"id","code","details"}]}`, success is
 *   `{"data":{...},"meta":{"params":{...}}}` with `meta.params` echoing first_name, last_name, full_name, domain and
 *   company (null when absent).
 * - Hunter allows the Email Finder 15 requests a second and 500 a minute per key. Its current reference answers going
 *   over that 403 Forbidden ("You have reached the rate limit") and keeps 429 Too Many Requests for an exhausted plan
 *   ("You have reached your usage limit"), so the fake does both: 403 by default, 429 once `searchesAvailable` found
 *   emails have been served. `rateLimitStatus: 429` makes the rate limit answer 429 instead, for a client that must
 *   also cope with that reading. No `Retry-After`: Hunter documents none, so a client has to pace itself. The error
 *   ids of these two answers are not documented; the fake uses `too_many_requests` and `usage_limit_reached`.
 * - Only found emails use up a search (Hunter: "No requests are counted if Hunter cannot provide an email"), so
 *   `GET /v2/account` reports found emails as `requests.searches.used`.
 * - When no email is found the reference lists no 404 for this endpoint, and the lookup is free, so the fake answers
 *   200 with the same `data` shape and `email`, `score`, `position` and `phone_number` null. A client must read
 *   `data.email === null` as "not found", not as an error.
 *
 * Who is found follows the enrichment vendor fake's rules: the identity is the lowercased, trimmed first name, last
 * name and domain (or company, without a domain), hashed with the seed; found iff that lands below `coverage`. The
 * email is `first.last@domain` (a-z only), and with only a company the domain is its letters and digits plus ".com".
 * A `full_name` splits at its first run of spaces: first word, then the rest. `knows` and `expectedHunterResult`
 * answer the same without a call.
 */

export interface HunterOptions {
  /** The one key accepted. Default "hunter-key". */
  apiKey: string;
  /** Added before every 200 Email Finder answer; errors answer at once. Default 20. */
  latencyMs: number;
  /** Email Finder requests a key may make in any second. Default 15, as Hunter documents. */
  perSecond: number;
  /** ... and in any minute. Default 500, as Hunter documents. */
  perMinute: number;
  /** Fraction (0..1) of identifiable people whose email is found. Default 0.6. */
  coverage: number;
  /** Changes who is found and the derived values. Default "hunter". */
  seed: string;
  /** Of found people, the fraction with a phone number. Default 0.3. */
  phoneCoverage: number;
  /** Of found people, the fraction with a position. Default 0.5. */
  positionCoverage: number;
  /** Status of a rate-limited answer: 403 as Hunter's reference documents, or 429. Default 403. */
  rateLimitStatus: 403 | 429;
  /** The plan's searches: once this many emails were found, lookups answer 429. Default 1,000,000. */
  searchesAvailable: number;
}

/** A lookup, as the Email Finder's query parameters. */
export interface HunterLookup {
  first_name?: string | null;
  last_name?: string | null;
  full_name?: string | null;
  domain?: string | null;
  company?: string | null;
}

export interface HunterFound {
  email: string;
  phone_number: string | null;
  position: string | null;
}

export interface HunterStats {
  /** Email Finder requests answered 200, found or not. */
  calls: number;
  /** Of those, the ones with an email: the searches used. */
  found: number;
  /** Answers refused for the per-second or per-minute limit. */
  rateLimited: number;
  /** Answers injected by `failNext`. */
  failures: number;
  /** Other 4xx answers: 400, 401, 404 and the usage-limit 429. */
  rejected: number;
}

/** `url` is the origin; the API lives under `/v2`. `resetStats()` also zeroes the searches used. */
export type FakeHunter = FakeVendor<HunterOptions, HunterStats, HunterLookup, HunterFound>;

export const DEFAULT_HUNTER_OPTIONS: Readonly<HunterOptions> = Object.freeze({
  apiKey: "hunter-key",
  latencyMs: 20,
  perSecond: 15,
  perMinute: 500,
  coverage: 0.6,
  seed: "hunter",
  phoneCoverage: 0.3,
  positionCoverage: 0.5,
  rateLimitStatus: 403,
  searchesAvailable: 1_000_000,
});

/** Starts the fake on 127.0.0.1 (any free port) and resolves once it listens. */
export async function startFakeHunter(options: Partial<HunterOptions> = {}): Promise<FakeHunter> {
  const hunter = new HunterServer(options);
  await hunter.listen();
  return hunter;
}

/** First and last name from the lookup, or null when it names nobody. */
function namesOf(q: HunterLookup): [string, string] | null {
  if (q.first_name?.trim() && q.last_name?.trim()) return [q.first_name.trim(), q.last_name.trim()];
  const words = q.full_name?.trim().split(/\s+/) ?? [];
  return words.length >= 2 ? [words[0], words.slice(1).join(" ")] : null;
}

const present = (value: string | null | undefined): string | undefined => value?.trim() || undefined;

/** What an Email Finder with these settings answers for a lookup, or null when it finds no email. */
export function expectedHunterResult(
  options: Pick<HunterOptions, "seed" | "coverage" | "phoneCoverage" | "positionCoverage">,
  input: HunterLookup,
): HunterFound | null {
  const names = namesOf(input);
  const person = names && resolvePerson(names[0], names[1], present(input.domain), present(input.company));
  if (!person || !(unitOf(hashOf(options.seed, person.identity)) < options.coverage)) return null;
  const phone = hashOf(options.seed, "phone_number", person.identity);
  const position = hashOf(options.seed, "position", person.identity);
  return {
    email: `${person.first}.${person.last}@${person.domain}`,
    phone_number: unitOf(phone) < options.phoneCoverage ? fieldValue("mobile_phone", person, phone) : null,
    position: unitOf(position) < options.positionCoverage ? fieldValue("job_title", person, position) : null,
  };
}

const JSON_TYPE = "application/json; charset=utf-8";
const LOOKUP_PARAMS = ["first_name", "last_name", "full_name", "domain", "company"] as const;

function checkOptions(o: HunterOptions): void {
  for (const name of ["coverage", "phoneCoverage", "positionCoverage"] as const) {
    if (!(o[name] >= 0 && o[name] <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
  }
  for (const name of ["perSecond", "perMinute", "searchesAvailable"] as const) {
    if (!(Number.isInteger(o[name]) && o[name] >= 0)) throw new RangeError(`${name} must be a non-negative integer`);
  }
  if (!(o.latencyMs >= 0)) throw new RangeError("latencyMs must be >= 0");
  if (o.rateLimitStatus !== 403 && o.rateLimitStatus !== 429) throw new RangeError("rateLimitStatus: 403 or 429");
}

class HunterServer implements FakeHunter {
  url = "";
  readonly stats: HunterStats = { calls: 0, found: 0, rateLimited: 0, failures: 0, rejected: 0 };
  private options: HunterOptions = { ...DEFAULT_HUNTER_OPTIONS };
  private failing = { remaining: 0, status: 503 };
  /** Per key, when its admitted Email Finder requests arrived (ms, ascending); those before `head` are expired. */
  private readonly windows = new Map<string, { times: number[]; head: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  constructor(options: Partial<HunterOptions>) {
    this.setOptions(options);
  }

  get apiKey(): string {
    return this.options.apiKey;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  knows(input: HunterLookup): HunterFound | null {
    return expectedHunterResult(this.options, input);
  }

  failNext(n: number, status = 503): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError("n must be a non-negative integer");
    if (!(Number.isInteger(status) && status >= 400 && status <= 599)) throw new RangeError("status must be 4xx/5xx");
    this.failing = { remaining: n, status };
  }

  setOptions(changes: Partial<HunterOptions>): void {
    const next = { ...this.options };
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) Object.assign(next, { [key]: value });
    checkOptions(next);
    // New limits start from empty windows, rather than judging past traffic by rules it was not sent under.
    if (next.perSecond !== this.options.perSecond || next.perMinute !== this.options.perMinute) this.windows.clear();
    this.options = next;
  }

  resetStats(): void {
    for (const key of Object.keys(this.stats) as (keyof HunterStats)[]) this.stats[key] = 0;
  }

  close(): Promise<void> {
    return (this.closing ??= closeServer(this.server, this.timers));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const url = new URL(req.url ?? "/", "http://hunter.test");
    if (req.method === "GET" && url.pathname === "/v2/email-finder") return this.find(req, url.searchParams, res);
    if (req.method === "GET" && url.pathname === "/v2/account") {
      if (!this.authorised(req, url.searchParams, res)) return;
      const { found: used } = this.stats;
      const searches = { used, available: this.options.searchesAvailable };
      send(res, 200, { data: { email: "api@hunter.test", plan_name: "Fake", requests: { searches } } });
      return;
    }
    this.reject(res, 404, "not_found", "The requested resource does not exist.");
  }

  private find(req: http.IncomingMessage, params: URLSearchParams, res: http.ServerResponse): void {
    if (this.failing.remaining > 0) {
      this.failing.remaining--;
      this.stats.failures++;
      const { status } = this.failing;
      send(res, status, errors("server_error", status, "Something went wrong on Hunter's end."));
      return;
    }
    if (!this.authorised(req, params, res)) return;
    const o = this.options;
    if (!this.admit(o.apiKey)) {
      this.stats.rateLimited++;
      send(res, o.rateLimitStatus, errors("too_many_requests", o.rateLimitStatus, "You have reached the rate limit."));
      return;
    }
    if (this.stats.found >= o.searchesAvailable) {
      const details = "You have reached your usage limit. Upgrade your plan if necessary.";
      return this.reject(res, 429, "usage_limit_reached", details);
    }
    const lookup: HunterLookup = {};
    for (const name of LOOKUP_PARAMS) lookup[name] = params.get(name);
    if (!present(lookup.domain) && !present(lookup.company)) {
      return this.reject(res, 400, "wrong_params", "You are missing the domain or the company parameter");
    }
    const names = namesOf(lookup);
    if (names === null) {
      return this.reject(res, 400, "wrong_params", "You are missing the first_name and last_name or the full_name");
    }
    const result = this.knows(lookup);
    const person = resolvePerson(names[0], names[1], present(lookup.domain), present(lookup.company));
    // 70..99, fixed per person and seed.
    const score = result && person && 70 + (hashOf(o.seed, "score", person.identity).readUInt32BE(0) % 30);
    this.stats.calls++;
    if (result !== null) this.stats.found++;
    const body = {
      data: {
        first_name: names[0],
        last_name: names[1],
        email: result?.email ?? null,
        score,
        domain: person?.domain ?? present(lookup.domain)?.toLowerCase() ?? null,
        accept_all: false,
        position: result?.position ?? null,
        twitter: null,
        linkedin_url: null,
        phone_number: result?.phone_number ?? null,
        company: present(lookup.company) ?? null,
        sources: [],
        verification: { date: null, status: null },
      },
      meta: { params: lookup },
    };
    if (o.latencyMs <= 0) return send(res, 200, body);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send(res, 200, body);
    }, o.latencyMs);
    this.timers.add(timer);
  }

  private authorised(req: http.IncomingMessage, params: URLSearchParams, res: http.ServerResponse): boolean {
    const key = params.get("api_key") || req.headers["x-api-key"];
    if (key === this.options.apiKey) return true;
    this.reject(res, 401, "authentication_failed", "No valid API key was provided.");
    return false;
  }

  /**
   * Sliding one-second and one-minute windows over the key's admitted requests; refused ones do not count. Expired
   * entries are skipped by index and dropped in bulk, so a benchmark with generous limits stays cheap per request.
   */
  private admit(key: string): boolean {
    const now = performance.now();
    const { perSecond, perMinute } = this.options;
    let log = this.windows.get(key);
    if (log === undefined) this.windows.set(key, (log = { times: [], head: 0 }));
    const { times } = log;
    while (log.head < times.length && times[log.head] <= now - 60_000) log.head++;
    if (log.head > 1024 && log.head * 2 > times.length) {
      times.splice(0, log.head);
      log.head = 0;
    }
    let lastSecond = 0;
    for (let i = times.length - 1; i >= log.head && times[i] > now - 1000 && lastSecond < perSecond; i--) lastSecond++;
    if (lastSecond >= perSecond || times.length - log.head >= perMinute) return false;
    times.push(now);
    return true;
  }

  private reject(res: http.ServerResponse, status: number, id: string, details: string): void {
    this.stats.rejected++;
    send(res, status, errors(id, status, details));
  }
}

type HunterErrors = { errors: { id: string; code: number; details: string }[] };

function errors(id: string, code: number, details: string): HunterErrors {
  return { errors: [{ id, code, details }] };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": JSON_TYPE, "content-length": Buffer.byteLength(text) });
  res.end(text);
}
