import http from "node:http";
import { closeServer, ResponseHold } from "./fake-server";

/**
 * A stand-in for the Mockstagram API, a mock social platform that a tracker polls for influencer statistics:
 *
 * - `GET /api/v1/influencers/:pk` answers `{pk, username, followerCount, followingCount}` with values that move on
 *   every call (there is no timestamp, so a client must stamp what it reads itself);
 * - `POST /api/v1/influencers/is_suspicious` classifies an influencer, slowly (1-10 s in the real service).
 *
 * Only pks 1,000,000-1,999,999 exist; any other answers `{"error":{"name":"InfluencerNotFoundError"}}` with 500 (the
 * original server) or 400 (a later one), because a client has to cope with both. Faults (a random failure rate,
 * pks that always fail, added latency) and the server's capacity (how many reads it serves at once) can be changed
 * while the fake runs, and counters show what a client did.
 *
 * The fake is meant to be driven at thousands of requests per second by a benchmark, so the GET path does no
 * logging, no URL parsing and no per-pk object allocation: each pk's walk lives in typed arrays indexed by pk.
 * Randomness comes from small seeded PRNGs (mulberry32), one per concern, so a given seed reproduces the same
 * failures and walks however the calls interleave with other pks.
 */

/** The lowest and highest pk the API knows. */
export const MIN_PK = 1_000_000;
export const MAX_PK = 1_999_999;
const PK_COUNT = MAX_PK - MIN_PK + 1;

/** Delay in milliseconds: a fixed value or a uniform [min, max] range. */
export type DelayMs = number | readonly [min: number, max: number];

/** The influencer document the GET answers and the classifier takes. */
export interface Influencer {
  pk: number;
  username: string;
  followerCount: number;
  followingCount: number;
}

/** The classifier's answer. */
export interface SuspicionVerdict {
  pk: number;
  suspicious: boolean;
}

/** What can be changed while the fake runs (see {@link FakeMockstagram.setOptions}). */
export interface FakeMockstagramSettings {
  /** Status of `InfluencerNotFoundError` answers: 500 as the original server, 400 as a later one. Default 500. */
  notFoundStatus?: 400 | 500;
  /** How long the classifier takes to answer a valid request. Default [1000, 10000], as the real service. */
  classifierDelayMs?: DelayMs;
  /** Fraction (0..1) of GET influencer calls for existing pks answered 500 `InternalServerError`. Default 0. */
  failureRate?: number;
  /** Added before every GET influencer answer, whatever its outcome. Default 0. */
  latencyMs?: DelayMs;
  /** Pks whose GET always answers 500 `InternalServerError`, a persistently broken influencer. Default none. */
  failPks?: Iterable<number>;
  /**
   * GET influencer requests served at once; more wait, in arrival order, for a free one. A real server answers
   * through a bounded number of request workers, each busy for the request's latency, so its ceiling is
   * capacity / latency whatever the client sends: with a capacity and a latency set, the fake's maximum rate is a
   * property of the fake, not of its load. Default 0: unbounded (every request is served on arrival).
   */
  capacity?: number;
}

export interface FakeMockstagramOptions extends FakeMockstagramSettings {
  /** Port on 127.0.0.1; default 0, any free port. */
  port?: number;
  /** Seeds failures, latencies, classifier delays and the walks' steps. Default: a random seed, see `seed`. */
  seed?: number;
}

export interface MockstagramStats {
  /** GET influencer requests, whatever their outcome (unknown pks and injected failures included). */
  influencerCalls: number;
  /** POST is_suspicious requests, whatever their outcome. */
  classifierCalls: number;
  /** Injected 500 `InternalServerError` answers (failureRate and failPks). */
  failures: number;
  /** `InfluencerNotFoundError` answers, from either endpoint. */
  notFound: number;
  /** Requests of any kind received and not yet answered (or abandoned). */
  inFlight: number;
  /** Highest `inFlight` since the start or the last `resetStats()`. */
  maxInFlight: number;
  /** Highest number of GET influencer requests served at once (never above `capacity` when one is set). */
  maxServing: number;
  /** GET influencer requests per existing pk, whatever their outcome. A snapshot: later calls do not change it. */
  callsByPk: Map<number, number>;
}

export interface FakeMockstagram {
  /** `http://127.0.0.1:<port>`; the API lives under `/api/v1`. */
  readonly url: string;
  /** The seed in use, given or drawn, so that a failing run can be repeated. */
  readonly seed: number;
  /** Changes faults and behaviour for the requests that arrive from now on; omitted (or undefined) keys stay. */
  setOptions(changes: FakeMockstagramSettings): void;
  stats(): MockstagramStats;
  /** Zeroes the counters; `inFlight` is live state and stays, `maxInFlight` restarts from it. */
  resetStats(): void;
  /**
   * Where a pk's walk stands: the values its last successful GET answered, or its starting values if none did.
   * Does not advance the walk; the next GET moves it one step and answers the result. Throws for an unknown pk.
   */
  peek(pk: number): { followerCount: number; followingCount: number };
  /**
   * Requests from now on wait, once counted, until the returned function is called, and then go on in arrival
   * order: a test can have any number of requests open at the same moment without a latency to make them overlap.
   */
  holdResponses(): () => void;
  /** Stops listening, drops open (keep-alive) connections and answers still waiting on a delay. */
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 and resolves once it listens. */
export async function startFakeMockstagram(options: FakeMockstagramOptions = {}): Promise<FakeMockstagram> {
  const fake = new MockstagramServer(options);
  await fake.listen(options.port ?? 0);
  return fake;
}

/** Whether the classifier calls a pk suspicious: fixed per pk (about 10% are), whatever the seed. */
export function isSuspicious(pk: number): boolean {
  return mix32(Math.imul(pk, 0x27d4eb2f) ^ 0x165667b1) % 100 < 10;
}

const PREFIX = "/api/v1/influencers/";
const CLASSIFIER = "is_suspicious";
/** Long enough that a polling client reuses its connections, as it would against a real server. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;
/** body-parser's default limit, which answers larger bodies 413 `PayloadTooLargeError`. */
const MAX_BODY_BYTES = 100 * 1024;
const JSON_TYPE = "application/json; charset=utf-8";

const NOT_FOUND = errorBody("InfluencerNotFoundError");
const INTERNAL = errorBody("InternalServerError");
const BAD_REQUEST = errorBody("BadRequestError");
const TOO_LARGE = errorBody("PayloadTooLargeError");
const NO_ROUTE = errorBody("NotFoundError");

function errorBody(name: string): string {
  return JSON.stringify({ error: { name } });
}

/** The murmur3 finaliser: a cheap, well-mixing bijection on 32-bit integers, for per-pk values and seeds. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** One mulberry32 step on `states[i]`, in place: the walks keep a generator per pk without an object per pk. */
function nextUint32(states: Uint32Array, i: number): number {
  states[i] += 0x6d2b79f5;
  const s = states[i];
  let t = Math.imul(s ^ (s >>> 15), s | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** A seeded uniform [0, 1) generator. */
class Mulberry32 {
  private readonly state = new Uint32Array(1);

  constructor(seed: number) {
    this.state[0] = seed;
  }

  next(): number {
    return nextUint32(this.state, 0) / 4294967296;
  }
}

/** The pk a path segment or a JSON value names, or -1. Path pks are plain decimal digits, nothing else. */
function pkFromSegment(segment: string): number {
  if (segment.length > 7) return -1;
  let pk = 0;
  for (let i = 0; i < segment.length; i++) {
    const digit = segment.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    pk = pk * 10 + digit;
  }
  return pk >= MIN_PK && pk <= MAX_PK ? pk : -1;
}

/** A classifier body's pk must be a JSON integer in range; a numeric string is not one. */
function pkFromValue(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value >= MIN_PK && value <= MAX_PK ? value : -1;
}

function delayRange(name: string, value: DelayMs): [number, number] {
  const [min, max] = typeof value === "number" ? [value, value] : value;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && min <= max)) {
    throw new RangeError(`${name} must be a non-negative number or a [min, max] pair with min <= max`);
  }
  return [min, max];
}

class MockstagramServer implements FakeMockstagram {
  url = "";
  readonly seed: number;

  private notFoundStatus: 400 | 500 = 500;
  private classifierDelay: [number, number] = [1000, 10000];
  private failureRate = 0;
  private latency: [number, number] = [0, 0];
  private failPks = new Set<number>();
  private capacity = 0;

  private readonly latencyRng: Mulberry32;
  private readonly faultRng: Mulberry32;
  private readonly classifierRng: Mulberry32;
  private readonly walkSeed: number;

  /**
   * Each pk's walk, indexed by `pk - MIN_PK`. Zero-filled typed arrays cost nothing until touched, and keep the
   * GET path free of allocation however many pks a benchmark spreads over.
   */
  private readonly followers = new Float64Array(PK_COUNT);
  private readonly following = new Float64Array(PK_COUNT);
  private readonly walkStates = new Uint32Array(PK_COUNT);
  private readonly started = new Uint8Array(PK_COUNT);
  private readonly pkCalls = new Uint32Array(PK_COUNT);

  private influencerCalls = 0;
  private classifierCalls = 0;
  private failures = 0;
  private notFound = 0;
  private inFlight = 0;
  private maxInFlight = 0;
  /** GET influencer requests being served (admitted, not yet answered), and those waiting for capacity (FIFO). */
  private serving = 0;
  private maxServing = 0;
  private readonly waiting: (() => void)[] = [];
  /** While held, every request waits after being counted: see `holdResponses`. */
  private readonly responses = new ResponseHold();

  /** Answers waiting on a latency or classifier delay, so close() can drop them instead of waiting up to 10 s. */
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;
  private readonly released = (): void => {
    this.inFlight--;
  };
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  constructor(options: FakeMockstagramOptions) {
    this.seed = options.seed === undefined ? (Math.random() * 4294967296) >>> 0 : options.seed >>> 0;
    this.latencyRng = new Mulberry32(mix32(this.seed ^ 0x1b873593));
    this.faultRng = new Mulberry32(mix32(this.seed ^ 0xcc9e2d51));
    this.classifierRng = new Mulberry32(mix32(this.seed ^ 0xe6546b64));
    this.walkSeed = mix32(this.seed ^ 0x85ebca6b);
    this.setOptions(options);
    this.server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}`;
  }

  setOptions(changes: FakeMockstagramSettings): void {
    const { notFoundStatus, classifierDelayMs, failureRate, latencyMs, failPks, capacity } = changes;
    if (notFoundStatus !== undefined) {
      if (notFoundStatus !== 400 && notFoundStatus !== 500) throw new RangeError("notFoundStatus must be 400 or 500");
      this.notFoundStatus = notFoundStatus;
    }
    if (classifierDelayMs !== undefined) this.classifierDelay = delayRange("classifierDelayMs", classifierDelayMs);
    if (failureRate !== undefined) {
      if (!(failureRate >= 0 && failureRate <= 1)) throw new RangeError("failureRate must be between 0 and 1");
      this.failureRate = failureRate;
    }
    if (latencyMs !== undefined) this.latency = delayRange("latencyMs", latencyMs);
    if (failPks !== undefined) this.failPks = new Set(failPks);
    if (capacity !== undefined) {
      if (!(Number.isInteger(capacity) && capacity >= 0)) throw new RangeError("capacity must be a non-negative integer (0: unbounded)");
      this.capacity = capacity;
      this.admitWaiting();
    }
  }

  stats(): MockstagramStats {
    const callsByPk = new Map<number, number>();
    const calls = this.pkCalls;
    for (let i = 0; i < PK_COUNT; i++) if (calls[i] !== 0) callsByPk.set(MIN_PK + i, calls[i]);
    return {
      influencerCalls: this.influencerCalls,
      classifierCalls: this.classifierCalls,
      failures: this.failures,
      notFound: this.notFound,
      inFlight: this.inFlight,
      maxInFlight: this.maxInFlight,
      maxServing: this.maxServing,
      callsByPk,
    };
  }

  resetStats(): void {
    this.influencerCalls = 0;
    this.classifierCalls = 0;
    this.failures = 0;
    this.notFound = 0;
    this.maxInFlight = this.inFlight;
    this.maxServing = this.serving;
    this.pkCalls.fill(0);
  }

  peek(pk: number): { followerCount: number; followingCount: number } {
    const index = pkFromValue(pk) - MIN_PK;
    if (index < 0) throw new RangeError(`no influencer ${pk}: pks run from ${MIN_PK} to ${MAX_PK}`);
    this.startWalk(index);
    return { followerCount: this.followers[index], followingCount: this.following[index] };
  }

  close(): Promise<void> {
    return (this.closing ??= closeServer(this.server, this.timers));
  }

  holdResponses(): () => void {
    return this.responses.hold();
  }

  /** Counts the request, then routes it (once released, while responses are held). */
  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (++this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
    res.once("close", this.released);
    if (this.responses.held) void this.responses.held.then(() => this.route(req, res));
    else this.route(req, res);
  }

  /** Routes without building a URL: this runs for every request a benchmark makes. */
  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? "/";
    if (url.startsWith(PREFIX)) {
      const query = url.indexOf("?", PREFIX.length);
      const segment = query < 0 ? url.slice(PREFIX.length) : url.slice(PREFIX.length, query);
      if (segment.length > 0 && !segment.includes("/")) {
        // GET .../is_suspicious reaches the :pk route, as on the real server, and is an unknown influencer.
        if (req.method === "GET") return this.influencer(segment, res);
        if (req.method === "POST" && segment === CLASSIFIER) return this.classify(req, res);
      }
    }
    send(res, 404, NO_ROUTE);
  }

  /** Decides the outcome on arrival, so a seed gives the same failures whatever order delayed answers finish in. */
  private influencer(segment: string, res: http.ServerResponse): void {
    this.influencerCalls++;
    const pk = pkFromSegment(segment);
    let fail = false;
    if (pk >= 0) {
      this.pkCalls[pk - MIN_PK]++;
      fail = this.failPks.has(pk) || (this.failureRate > 0 && this.faultRng.next() < this.failureRate);
    }
    const delay = this.draw(this.latency, this.latencyRng);
    // Only a request that must wait for capacity costs a closure: the common path stays allocation-free.
    if (this.capacity > 0 && this.serving >= this.capacity) this.waiting.push(() => this.serve(res, pk, fail, delay));
    else this.serve(res, pk, fail, delay);
  }

  /** Takes one unit of capacity for the request's latency, then answers it. */
  private serve(res: http.ServerResponse, pk: number, fail: boolean, delay: number): void {
    if (++this.serving > this.maxServing) this.maxServing = this.serving;
    if (res.destroyed) return this.served(); // the client left while it waited: its turn goes to the next
    if (delay > 0) this.later(delay, () => this.answerInfluencer(res, pk, fail));
    else this.answerInfluencer(res, pk, fail);
  }

  /** Gives a unit of capacity back. */
  private served(): void {
    this.serving--;
    this.admitWaiting();
  }

  /** Serves waiting requests while there is capacity (after an answer, or when the capacity grew). */
  private admitWaiting(): void {
    while (this.waiting.length && (this.capacity === 0 || this.serving < this.capacity)) this.waiting.shift()!();
  }

  /** Answers a request `serve` admitted, and gives its capacity back. */
  private answerInfluencer(res: http.ServerResponse, pk: number, fail: boolean): void {
    if (pk < 0) {
      this.notFound++;
      send(res, this.notFoundStatus, NOT_FOUND);
    } else if (fail) {
      this.failures++;
      send(res, 500, INTERNAL);
    } else {
      const index = pk - MIN_PK;
      this.step(index);
      send(
        res,
        200,
        `{"pk":${pk},"username":"influencer-${pk}","followerCount":${this.followers[index]},"followingCount":${this.following[index]}}`,
      );
    }
    this.served();
  }

  private classify(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.classifierCalls++;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        send(res, 413, TOO_LARGE);
      } else {
        chunks.push(chunk);
      }
    });
    req.on("end", () => {
      if (!tooLarge) this.verdict(Buffer.concat(chunks).toString("utf8"), res);
    });
  }

  /** Bad JSON is rejected at once, like a body parser would; an empty body is an influencer without a pk. */
  private verdict(raw: string, res: http.ServerResponse): void {
    let body: unknown = {};
    if (raw.trim() !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        send(res, 400, BAD_REQUEST);
        return;
      }
    }
    const pk = typeof body === "object" && body !== null ? pkFromValue((body as { pk?: unknown }).pk) : -1;
    if (pk < 0) {
      this.notFound++;
      send(res, this.notFoundStatus, NOT_FOUND);
      return;
    }
    const answer = `{"pk":${pk},"suspicious":${isSuspicious(pk)}}`;
    const delay = this.draw(this.classifierDelay, this.classifierRng);
    if (delay > 0) this.later(delay, () => send(res, 200, answer));
    else send(res, 200, answer);
  }

  /** Starting point of a pk's walk: fixed per pk (whatever the seed) so runs and fakes agree where it begins. */
  private startWalk(index: number): void {
    if (this.started[index] === 1) return;
    const pk = MIN_PK + index;
    this.followers[index] = 1_000 + (mix32(pk ^ 0x9e3779b9) % 4_999_001);
    this.following[index] = 10 + (mix32(pk ^ 0x7f4a7c15) % 7_491);
    this.walkStates[index] = mix32(pk ^ this.walkSeed);
    this.started[index] = 1;
  }

  /**
   * One step of a pk's walk. Steps are never zero and scale with the value (about 0.05%), so every answer differs
   * from the one before; a step that would go below zero is taken upwards instead, which keeps that promise at 0.
   */
  private step(index: number): void {
    this.startWalk(index);
    this.followers[index] = walk(this.followers[index], nextUint32(this.walkStates, index));
    this.following[index] = walk(this.following[index], nextUint32(this.walkStates, index));
  }

  private draw([min, max]: [number, number], rng: Mulberry32): number {
    return min === max ? min : min + (max - min) * rng.next();
  }

  private later(ms: number, answer: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      answer();
    }, ms);
    this.timers.add(timer);
  }
}

function walk(value: number, random: number): number {
  const magnitude = 1 + ((random >>> 1) % (1 + Math.floor(value / 2000)));
  const step = (random & 1) === 1 ? magnitude : -magnitude;
  return value + step < 0 ? value - step : value + step;
}

/** Writes a JSON answer unless the client has gone; a fixed content-length keeps keep-alive cheap (no chunking). */
function send(res: http.ServerResponse, status: number, body: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": JSON_TYPE, "content-length": body.length });
  res.end(body);
}
