import crypto from "node:crypto";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { closeServer, FakeVendor } from "./fake-server";

/**
 * A stand-in for a generic batch people-enrichment vendor: a client posts up to `maxBatch` people per call, each named
 * by first and last name plus a company, and gets back one answer per person in request order, 200 with the fields
 * the vendor holds or 404 when it does not know them. Around that it behaves as such APIs commonly do: an
 * `x-api-key` header (401 without it), a token bucket per key (429 with `Retry-After`), oversized batches refused
 * whole (413), malformed bodies refused (400), and outages (503 with `Retry-After`), which `failNext` injects.
 *
 * Who is known is a pure function of the seed and the person's identity, lowercased and trimmed first name, last name
 * and company domain (or company name when there is no domain), through sha1. So the same person gets the same answer
 * on every call and from every instance with that seed, two seeds know different, overlapping, sets of people (as two
 * real vendors do, which is what makes a waterfall over several worth having), and `expectedPerson` tells a test or a
 * benchmark what the vendor would answer without asking it. Over many people the known fraction approaches
 * `coverage`, and among them the fraction holding each field approaches its `fieldCoverage`.
 *
 * The helpers the hashing rests on are exported so that other fakes (the Hunter one) follow the same rules.
 */

export type VendorField = "work_email" | "mobile_phone" | "job_title" | "linkedin_url";

/** Who to look up. */
export interface PersonInput {
  first_name?: string | null;
  last_name?: string | null;
  company_domain?: string | null;
  company_name?: string | null;
  /** Accepted, as vendors take it as a hint, but not part of the identity: it changes nothing here. */
  email?: string | null;
}

export interface EnrichRequest extends PersonInput {
  /** The caller's id for the person, echoed back so answers can be matched without relying on order. */
  ref: string;
}

/** The fields the vendor holds for a person; a field it lacks is absent, never null. */
export type PersonData = Partial<Record<VendorField, string>>;

export type EnrichResponse = { ref: string; status: 200; data: PersonData } | { ref: string; status: 404; data: null };

export interface VendorOptions {
  /** The one key accepted in `x-api-key`. Default "vendor-key". */
  apiKey: string;
  /** Added before every 200 answer to a POST; errors answer at once. Default 20. */
  latencyMs: number;
  /** Most people per POST; more is 413 for the whole batch. Default 100. */
  maxBatch: number;
  /** Token bucket per API key: refills this many POSTs a second and holds as many (the burst). Default 1000. */
  ratePerSecond: number;
  /** Fraction (0..1) of identifiable people the vendor knows. Default 0.7. */
  coverage: number;
  /** Of known people, the fraction (0..1) holding each field; a field left out is never answered. */
  fieldCoverage: Partial<Record<VendorField, number>>;
  /** Changes who is known and the derived values. Default "vendor". */
  seed: string;
}

export interface VendorStats {
  /** POSTs answered 200. */
  calls: number;
  /** People asked for in those POSTs. */
  recordsRequested: number;
  /** People answered 200 in those POSTs: the credits `GET /v1/account` reports as used. */
  recordsFound: number;
  /** Answers 429. */
  rateLimited: number;
  /** Answers injected by `failNext`. */
  failures: number;
  /** Other 4xx answers (400, 401, 404, 413). */
  rejected: number;
}

export type FakeEnrichmentVendor = FakeVendor<VendorOptions, VendorStats, PersonInput, PersonData>;

export const DEFAULT_VENDOR_OPTIONS: Readonly<VendorOptions> = Object.freeze({
  apiKey: "vendor-key",
  latencyMs: 20,
  maxBatch: 100,
  ratePerSecond: 1000,
  coverage: 0.7,
  fieldCoverage: Object.freeze({ work_email: 1, mobile_phone: 0.5, job_title: 0.8 }),
  seed: "vendor",
});

/** Starts the vendor on 127.0.0.1 (any free port) and resolves once it listens. */
export async function startEnrichmentVendor(options: Partial<VendorOptions> = {}): Promise<FakeEnrichmentVendor> {
  const vendor = new VendorServer(options);
  await vendor.listen();
  return vendor;
}

/** The titles a job title (or a Hunter position) is drawn from. */
export const JOB_TITLES: readonly string[] = [
  "Software Engineer",
  "Account Executive",
  "Product Manager",
  "Head of Marketing",
  "Data Analyst",
  "Customer Success Manager",
  "VP Sales",
  "Operations Manager",
];

/** sha1 of the parts, NUL-separated so that ("ab", "c") and ("a", "bc") hash apart. */
export function hashOf(...parts: string[]): Buffer {
  return crypto.createHash("sha1").update(parts.join("\0")).digest();
}

/** The first 48 bits of a hash as a number in [0, 1); later bytes stay free to derive values from. */
export function unitOf(hash: Buffer): number {
  return hash.readUIntBE(0, 6) / 2 ** 48;
}

const fold = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** A name as an address takes it: a-z only, accents folded ("Núñez" gives "nunez"). */
export const lettersOf = (name: string): string => fold(name).replace(/[^a-z]/g, "");

/** A person the vendors can look up. */
export interface ResolvedPerson {
  /** What coverage hashes: lowercased, trimmed first name, last name and company domain or, without one, name. */
  identity: string;
  first: string;
  last: string;
  /** The email domain: the one given, else the company name's letters and digits plus ".com". */
  domain: string;
}

/**
 * The identity behind a lookup, or null for one no seed can match: a name or the company missing. A name without a
 * single a-z letter counts as missing, since there would be no address to answer.
 */
export function resolvePerson(
  firstName?: string | null,
  lastName?: string | null,
  companyDomain?: string | null,
  companyName?: string | null,
): ResolvedPerson | null {
  const first = firstName?.trim().toLowerCase() ?? "";
  const last = lastName?.trim().toLowerCase() ?? "";
  const domainGiven = companyDomain?.trim().toLowerCase() ?? "";
  const company = domainGiven || (companyName?.trim().toLowerCase() ?? "");
  const squeezed = fold(company).replace(/[^a-z0-9]/g, "");
  const domain = domainGiven || (squeezed ? `${squeezed}.com` : "");
  if (!lettersOf(first) || !lettersOf(last) || !domain) return null;
  return { identity: [first, last, company].join("\0"), first: lettersOf(first), last: lettersOf(last), domain };
}

const FIELDS: readonly VendorField[] = ["work_email", "mobile_phone", "job_title", "linkedin_url"];

/** What a vendor with these settings answers for a person: its fields, or null for a 404. */
export function expectedPerson(
  seed: string,
  coverage: number,
  fieldCoverage: Partial<Record<VendorField, number>>,
  input: PersonInput,
): PersonData | null {
  const person = resolvePerson(input.first_name, input.last_name, input.company_domain, input.company_name);
  if (person === null || !(unitOf(hashOf(seed, person.identity)) < coverage)) return null;
  const data: PersonData = {};
  for (const field of FIELDS) {
    const share = fieldCoverage[field];
    if (share === undefined) continue;
    // A hash per field, so holding one field says nothing about holding another.
    const hash = hashOf(seed, field, person.identity);
    if (unitOf(hash) < share) data[field] = fieldValue(field, person, hash);
  }
  return data;
}

/** A field's value for a person, from bytes of `hash` that `unitOf` leaves alone. */
export function fieldValue(field: VendorField, p: ResolvedPerson, hash: Buffer): string {
  switch (field) {
    case "work_email":
      return `${p.first}.${p.last}@${p.domain}`;
    case "mobile_phone":
      return "+1555" + String(hash.readUInt32BE(6) % 10_000_000).padStart(7, "0");
    case "job_title":
      return JOB_TITLES[hash.readUInt32BE(6) % JOB_TITLES.length];
    case "linkedin_url":
      return `https://www.linkedin.com/in/${p.first}-${p.last}-${hash.toString("hex", 6, 8)}`;
  }
}

const PERSON_KEYS = ["first_name", "last_name", "company_domain", "company_name", "email"] as const;
const JSON_TYPE = "application/json; charset=utf-8";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why an item of `requests` is malformed, or undefined. Nulls count as absent, as JSON clients send them. */
function itemProblem(item: unknown, index: number): string | undefined {
  if (!isObject(item)) return `requests[${index}] must be an object`;
  if (typeof item.ref !== "string" || item.ref === "") return `requests[${index}].ref must be a non-empty string`;
  const bad = PERSON_KEYS.find((key) => item[key] !== undefined && item[key] !== null && typeof item[key] !== "string");
  return bad === undefined ? undefined : `requests[${index}].${bad} must be a string`;
}

function checkOptions(o: VendorOptions): void {
  const unit = (name: string, v: number) => {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
  };
  unit("coverage", o.coverage);
  for (const [field, share] of Object.entries(o.fieldCoverage)) unit(`fieldCoverage.${field}`, share as number);
  if (!(o.latencyMs >= 0)) throw new RangeError("latencyMs must be >= 0");
  if (!(Number.isInteger(o.maxBatch) && o.maxBatch >= 1)) throw new RangeError("maxBatch must be a positive integer");
  if (!(o.ratePerSecond > 0)) throw new RangeError("ratePerSecond must be > 0");
}

class VendorServer implements FakeEnrichmentVendor {
  url = "";
  readonly stats: VendorStats = {
    calls: 0,
    recordsRequested: 0,
    recordsFound: 0,
    rateLimited: 0,
    failures: 0,
    rejected: 0,
  };
  private options: VendorOptions = { ...DEFAULT_VENDOR_OPTIONS };
  private failing = { remaining: 0, status: 503 };
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Answers waiting on latency, so close() can drop them. */
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  constructor(options: Partial<VendorOptions>) {
    this.setOptions(options);
  }

  get apiKey(): string {
    return this.options.apiKey;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  knows(input: PersonInput): PersonData | null {
    return expectedPerson(this.options.seed, this.options.coverage, this.options.fieldCoverage, input);
  }

  failNext(n: number, status = 503): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError("n must be a non-negative integer");
    if (!(Number.isInteger(status) && status >= 400 && status <= 599)) throw new RangeError("status must be 4xx/5xx");
    this.failing = { remaining: n, status };
  }

  setOptions(changes: Partial<VendorOptions>): void {
    const next = { ...this.options };
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) Object.assign(next, { [key]: value });
    next.fieldCoverage = { ...next.fieldCoverage };
    checkOptions(next);
    // A new rate starts every bucket full, rather than leaving one drained under the old rate.
    if (next.ratePerSecond !== this.options.ratePerSecond) this.buckets.clear();
    this.options = next;
  }

  resetStats(): void {
    for (const key of Object.keys(this.stats) as (keyof VendorStats)[]) this.stats[key] = 0;
  }

  close(): Promise<void> {
    return (this.closing ??= closeServer(this.server, this.timers));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "POST" && path === "/v1/people/enrich") return this.enrich(req, res);
    req.resume();
    if (req.method === "GET" && path === "/v1/account") {
      if (this.authorised(req, res)) send(res, 200, { name: "Fake Vendor", credits_used: this.stats.recordsFound });
      return;
    }
    this.reject(res, 404, "not_found", `no route ${req.method} ${path}`);
  }

  /** Outage, key and rate are decided on arrival, before the body is read, as a gateway in front of the API would. */
  private enrich(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.failing.remaining > 0) {
      this.failing.remaining--;
      this.stats.failures++;
      req.resume();
      const { status } = this.failing;
      send(res, status, { error: { type: "unavailable" } }, status === 503 ? { "retry-after": "0" } : {});
      return;
    }
    if (!this.authorised(req, res)) {
      req.resume();
      return;
    }
    if (!this.take(this.options.apiKey)) {
      this.stats.rateLimited++;
      req.resume();
      const message = `more than ${this.options.ratePerSecond} requests per second for this key`;
      send(res, 429, { error: { type: "rate_limited", message } }, { "retry-after": "1" });
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => this.answer(Buffer.concat(chunks).toString("utf8"), res));
  }

  private answer(raw: string, res: http.ServerResponse): void {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return this.reject(res, 400, "invalid_request", "the body is not valid JSON");
    }
    const requests = isObject(body) ? body.requests : undefined;
    if (!Array.isArray(requests)) return this.reject(res, 400, "invalid_request", "requests must be an array");
    const { maxBatch, latencyMs } = this.options;
    if (requests.length > maxBatch) {
      return this.reject(res, 413, "batch_too_large", `at most ${maxBatch} requests per call`);
    }
    for (let i = 0; i < requests.length; i++) {
      const problem = itemProblem(requests[i], i);
      if (problem !== undefined) return this.reject(res, 400, "invalid_request", problem);
    }
    const responses: EnrichResponse[] = (requests as EnrichRequest[]).map((item) => {
      const data = this.knows(item);
      return data === null ? { ref: item.ref, status: 404, data: null } : { ref: item.ref, status: 200, data };
    });
    this.stats.calls++;
    this.stats.recordsRequested += responses.length;
    this.stats.recordsFound += responses.filter((r) => r.status === 200).length;
    if (latencyMs <= 0) return send(res, 200, { responses });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send(res, 200, { responses });
    }, latencyMs);
    this.timers.add(timer);
  }

  private authorised(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const key = req.headers["x-api-key"];
    if (key === this.options.apiKey) return true;
    this.reject(res, 401, "unauthorized", key === undefined ? "missing x-api-key header" : "invalid API key");
    return false;
  }

  /** One token from the key's bucket, refilled for the time since it was last drawn from; false when empty. */
  private take(key: string): boolean {
    const now = performance.now();
    // Below 1 a second the bucket could never hold a whole token; it still allows one request at a time.
    const burst = Math.max(1, this.options.ratePerSecond);
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.ratePerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private reject(res: http.ServerResponse, status: number, type: string, message: string): void {
    this.stats.rejected++;
    send(res, status, { error: { type, message } });
  }
}

/** Writes a JSON answer unless the client has gone; byte length, since refs and names need not be ASCII. */
function send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": JSON_TYPE, "content-length": Buffer.byteLength(text) });
  res.end(text);
}
