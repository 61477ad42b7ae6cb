import crypto from "node:crypto";
import http from "node:http";
import { ResponseHold } from "./fake-server";

/**
 * An in-process stand-in for the parts of the Mailchimp Marketing API v3 that a sync reads: ping, audiences (lists)
 * and their members, with the documented paging, `fields`/`exclude_fields` filtering, `since_last_changed`, problem
 * detail errors and the limit of 10 simultaneous connections per API key. A synchronous control surface shapes the
 * data and the faults; counters let tests see what a client actually asked for.
 *
 * Timestamps follow the real API: `last_changed` has second precision, so many members can share one value. The
 * clock is injectable (`now`) so tests can pin that on purpose. `since_last_changed` is exclusive, as the real API
 * words it ("changed after the set timeframe"): a client that resumes from the newest `last_changed` it saw, without
 * overlapping, silently loses members changed later within that same second.
 */

export type MemberStatus = "subscribed" | "unsubscribed" | "cleaned" | "pending" | "transactional" | "archived";

const STATUSES: readonly MemberStatus[] = [
  "subscribed",
  "unsubscribed",
  "cleaned",
  "pending",
  "transactional",
  "archived",
];

/** A list member as the API serialises it (the subset of Mailchimp's fields a sync can use). */
export interface MailchimpMember {
  /** The subscriber hash: MD5 hex of the lowercased email address. Changes when the email does. */
  id: string;
  email_address: string;
  unique_email_id: string;
  /** Stable across email changes. */
  contact_id: string;
  full_name: string;
  web_id: number;
  email_type: string;
  status: MemberStatus;
  merge_fields: { FNAME: string; LNAME: string };
  stats: { avg_open_rate: number; avg_click_rate: number };
  ip_signup: string;
  /** Empty when the member did not come through a signup form, as in the real API. */
  timestamp_signup: string;
  ip_opt: string;
  timestamp_opt: string;
  member_rating: number;
  /** ISO 8601, second precision, `+00:00` offset. */
  last_changed: string;
  language: string;
  vip: boolean;
  source: string;
  tags_count: number;
  tags: unknown[];
  list_id: string;
}

export interface NewMember {
  email: string;
  firstName?: string;
  lastName?: string;
  /** Defaults to "subscribed". */
  status?: MemberStatus;
  timestampSignup?: Date;
}

export interface MemberChanges {
  email?: string;
  firstName?: string;
  lastName?: string;
  status?: MemberStatus;
}

export interface BulkMemberOptions {
  /** Defaults to "subscribed". */
  status?: MemberStatus;
  /** Emails are `<emailPrefix><i>@<domain>`, i counting per list across calls; default "member" at "example.com". */
  emailPrefix?: string;
  domain?: string;
}

export interface MembersPageInfo {
  listId: string;
  offset: number;
  count: number;
  /** Members in this page. */
  served: number;
}

export interface FakeMailchimpOptions {
  /** API keys accepted as the Basic auth password, e.g. `abc123-us6`. */
  keys?: string[];
  now?: () => Date;
  latencyMs?: number;
}

const ERROR_TYPE = "https://mailchimp.com/developer/marketing/docs/errors/";
const MAX_COUNT = 1000;
const DEFAULT_COUNT = 10;

interface StoredMember {
  /** Creation order; also the source of web_id and contact_id, which survive email changes. */
  seq: number;
  /** Bumped on every change; orders members that share a `last_changed` second. */
  change: number;
  id: string;
  email: string;
  status: MemberStatus;
  firstName: string;
  lastName: string;
  created: number;
  changed: number;
  signup: number | undefined;
  deleted: boolean;
}

/**
 * One audience. Members are kept in two orders so paging never sorts the whole list: creation order (an append-only
 * array) and change order (a log that a changed member is appended to again). Superseded log entries and deleted
 * members are compacted away lazily, on the next read.
 */
class StoredList {
  readonly byId = new Map<string, StoredMember>();
  readonly counts: Record<MemberStatus, number> = {
    subscribed: 0,
    unsubscribed: 0,
    cleaned: 0,
    pending: 0,
    transactional: 0,
    archived: 0,
  };
  nextBulk = 0;
  /** Filtered member sequences by query; any change to the list drops them. */
  readonly queries = new Map<string, StoredMember[]>();
  private creation: StoredMember[] = [];
  private deletedInCreation = 0;
  private log: StoredMember[] = [];
  /** `change` of each log entry when it was appended; an entry is current while it still equals the member's. */
  private logChanges: number[] = [];
  private staleInLog = 0;
  private logMax = -Infinity;
  private logUnsorted = false;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly webId: number,
    readonly created: number,
  ) {}

  add(member: StoredMember): void {
    this.byId.set(member.id, member);
    this.counts[member.status]++;
    this.creation.push(member);
    this.append(member);
  }

  /** Records that an existing member changed (its `change` and `changed` already updated). */
  changed(member: StoredMember): void {
    this.staleInLog++;
    this.append(member);
    // Keep a list that is written far more than it is read from growing without bound.
    if (this.staleInLog > 1024 && this.staleInLog > this.byId.size) this.compactLog();
  }

  remove(member: StoredMember): void {
    member.deleted = true;
    this.byId.delete(member.id);
    this.counts[member.status]--;
    this.deletedInCreation++;
    this.staleInLog++;
    this.queries.clear();
  }

  inCreationOrder(): readonly StoredMember[] {
    if (this.deletedInCreation > 0) {
      this.creation = this.creation.filter((m) => !m.deleted);
      this.deletedInCreation = 0;
    }
    return this.creation;
  }

  /** Ascending by (last_changed, change). */
  inChangeOrder(): readonly StoredMember[] {
    if (this.staleInLog > 0) this.compactLog();
    if (this.logUnsorted) {
      // Only reachable when the clock was moved backwards.
      this.log.sort((a, b) => a.changed - b.changed || a.change - b.change);
      this.logChanges = this.log.map((m) => m.change);
      this.logMax = this.log.length > 0 ? this.log[this.log.length - 1].changed : -Infinity;
      this.logUnsorted = false;
    }
    return this.log;
  }

  private append(member: StoredMember): void {
    this.log.push(member);
    this.logChanges.push(member.change);
    if (member.changed < this.logMax) this.logUnsorted = true;
    else this.logMax = member.changed;
    this.queries.clear();
  }

  private compactLog(): void {
    const log = this.log;
    const changes = this.logChanges;
    let kept = 0;
    for (let i = 0; i < log.length; i++) {
      const m = log[i];
      if (m.deleted || m.change !== changes[i]) continue;
      log[kept] = m;
      changes[kept] = changes[i];
      kept++;
    }
    log.length = kept;
    changes.length = kept;
    this.staleInLog = 0;
  }
}

interface MembersQuery {
  status: MemberStatus | undefined;
  since: number | undefined;
  before: number | undefined;
  byLastChanged: boolean;
  descending: boolean;
}

class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

function invalid(field: string, message: string): ProblemError {
  const detail = "The resource submitted could not be validated. For field-specific details, see the 'errors' array.";
  return new ProblemError(400, "Invalid Resource", detail, { errors: [{ field, message }] });
}

const notFound = (): ProblemError =>
  new ProblemError(404, "Resource Not Found", "The requested resource could not be found.");

const isoCache = new Map<number, string>();

/** `2026-01-05T10:00:00+00:00`, the form the real API uses. Memoised: members share a few seconds and pages are big. */
function isoSeconds(ms: number): string {
  let iso = isoCache.get(ms);
  if (iso === undefined) {
    if (isoCache.size >= 100_000) isoCache.clear();
    iso = new Date(ms).toISOString().slice(0, 19) + "+00:00";
    isoCache.set(ms, iso);
  }
  return iso;
}

function subscriberHash(email: string): string {
  return crypto.hash("md5", email.toLowerCase(), "hex");
}

/** Dotted field paths (`members.merge_fields.FNAME`) as a tree; a null leaf means the whole value. */
type FieldTree = Map<string, FieldTree | null>;

function parseFields(spec: string): FieldTree {
  const root: FieldTree = new Map();
  for (const path of spec.split(",")) {
    const parts = path.trim().split(".").filter(Boolean);
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const existing = node.get(parts[i]);
      if (existing === null) break; // an ancestor is already included whole
      if (last) {
        node.set(parts[i], null);
      } else {
        const child: FieldTree = existing ?? new Map();
        node.set(parts[i], child);
        node = child;
      }
    }
  }
  return root;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pickFields(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((item) => pickFields(item, tree));
  if (!isObject(value)) return value;
  const picked: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    if (!(key in value)) continue;
    picked[key] = sub === null ? value[key] : pickFields(value[key], sub);
  }
  return picked;
}

function excludeFields(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((item) => excludeFields(item, tree));
  if (!isObject(value)) return value;
  const kept: Record<string, unknown> = { ...value };
  for (const [key, sub] of tree) {
    if (!(key in kept)) continue;
    if (sub === null) delete kept[key];
    else kept[key] = excludeFields(kept[key], sub);
  }
  return kept;
}

function intParam(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw invalid(name, `${name} must be a non-negative integer.`);
  return Number(raw);
}

function pageParams(params: URLSearchParams): { count: number; offset: number } {
  const count = intParam(params, "count", DEFAULT_COUNT);
  if (count > MAX_COUNT) throw invalid("count", `count must be at most ${MAX_COUNT}.`);
  return { count, offset: intParam(params, "offset", 0) };
}

function timeParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === "") return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw invalid(name, `${name} must be an ISO 8601 date-time, e.g. 2015-10-21T15:41:36+00:00.`);
  return ms;
}

function membersQuery(params: URLSearchParams): MembersQuery {
  const status = params.get("status") || undefined;
  if (status !== undefined && !STATUSES.includes(status as MemberStatus)) {
    throw invalid("status", `status must be one of ${STATUSES.join(", ")}.`);
  }
  const sortField = params.get("sort_field") || undefined;
  if (sortField !== undefined && !["last_changed", "timestamp_opt", "timestamp_signup"].includes(sortField)) {
    throw invalid("sort_field", "sort_field must be one of last_changed, timestamp_opt, timestamp_signup.");
  }
  const sortDir = (params.get("sort_dir") || "ASC").toUpperCase();
  if (sortDir !== "ASC" && sortDir !== "DESC") throw invalid("sort_dir", "sort_dir must be ASC or DESC.");
  return {
    status: status as MemberStatus | undefined,
    // The real API documents both as "changed after"/"changed before" the given time: the bounds are exclusive.
    since: timeParam(params, "since_last_changed"),
    before: timeParam(params, "before_last_changed"),
    byLastChanged: sortField === "last_changed",
    // Without a sort field the order is creation order whatever sort_dir says.
    descending: sortField !== undefined && sortDir === "DESC",
  };
}

export class FakeMailchimp {
  /** Clock for `last_changed` and creation times; truncated to whole seconds like the real API. */
  now: () => Date;
  /** Delay before every response, the rejected ones included. */
  latencyMs: number;
  /** Simultaneous in-flight requests allowed per API key (Mailchimp documents 10). */
  concurrencyLimit = 10;
  /** Called once a members page is computed and before it is sent, so a test can change the list between pages. */
  onMembersPage?: (info: MembersPageInfo) => void;

  /** Every request received. */
  calls = 0;
  /** Requests by `METHOD /path` (no query string). */
  callsByPath = new Map<string, number>();
  /** Requests for a list's members collection, whatever their outcome. */
  membersCalls = 0;
  /** Highest number of simultaneous requests seen per API key, those rejected for exceeding the limit included. */
  maxConcurrentByKey = new Map<string, number>();

  private readonly keys = new Set<string>();
  private readonly lists = new Map<string, StoredList>();
  private readonly inFlight = new Map<string, number>();
  private failures = { remaining: 0, status: 500, retryAfterSeconds: undefined as number | undefined };
  /** While held, every request waits after being counted: see `holdResponses`. */
  private readonly responses = new ResponseHold();
  private seq = 0;
  private changeSeq = 0;
  /** Makes contact ids unique per fake while staying cheap to derive from the sequence. */
  private readonly contactPrefix = crypto.randomBytes(8).toString("hex");
  private readonly server = http.createServer((req, res) => {
    this.serve(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      this.sendProblem(res, new ProblemError(500, "Internal Server Error", String(error)));
    });
  });

  constructor(options: FakeMailchimpOptions = {}) {
    for (const key of options.keys ?? []) this.keys.add(key);
    this.now = options.now ?? (() => new Date());
    this.latencyMs = options.latencyMs ?? 0;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address() as { port: number };
    return `http://127.0.0.1:${address.port}/3.0`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  addKey(key: string): void {
    this.keys.add(key);
  }

  addList(listId: string, name: string = listId): void {
    if (this.lists.has(listId)) throw new Error(`list ${listId} already exists`);
    this.lists.set(listId, new StoredList(listId, name, ++this.seq, this.stamp()));
  }

  addMember(listId: string, member: NewMember): MailchimpMember {
    const list = this.list(listId);
    const id = subscriberHash(member.email);
    if (list.byId.has(id)) throw new Error(`${member.email} is already a list member`);
    const { email, status = "subscribed", firstName = "", lastName = "" } = member;
    const stored = this.newMember(id, email, status, firstName, lastName);
    if (member.timestampSignup) stored.signup = Math.floor(member.timestampSignup.getTime() / 1000) * 1000;
    list.add(stored);
    return this.view(list, stored);
  }

  /**
   * Creates n members `<prefix><i>@<domain>` named `First<i> Last<i>`, all stamped with the current second, and
   * returns their ids. Cheap enough for a million members across lists.
   */
  addMembers(listId: string, n: number, options: BulkMemberOptions = {}): string[] {
    const list = this.list(listId);
    const status = options.status ?? "subscribed";
    const prefix = (options.emailPrefix ?? "member").toLowerCase();
    const domain = (options.domain ?? "example.com").toLowerCase();
    const ids: string[] = new Array(n);
    const now = this.stamp();
    for (let made = 0; made < n; ) {
      const i = list.nextBulk++;
      const email = `${prefix}${i}@${domain}`;
      const id = crypto.hash("md5", email, "hex");
      if (list.byId.has(id)) continue;
      list.add(this.newMember(id, email, status, `First${i}`, `Last${i}`, now));
      ids[made++] = id;
    }
    return ids;
  }

  /** Changes a member and bumps its `last_changed`; a new email gives it a new id (its contact_id stays). */
  updateMember(listId: string, id: string, changes: MemberChanges): MailchimpMember {
    const list = this.list(listId);
    const member = this.stored(list, id);
    if (changes.email !== undefined) {
      const newId = subscriberHash(changes.email);
      if (newId !== member.id) {
        if (list.byId.has(newId)) throw new Error(`${changes.email} is already a list member`);
        list.byId.delete(member.id);
        member.id = newId;
        list.byId.set(newId, member);
      }
      member.email = changes.email;
    }
    if (changes.firstName !== undefined) member.firstName = changes.firstName;
    if (changes.lastName !== undefined) member.lastName = changes.lastName;
    if (changes.status !== undefined) this.setStatus(list, member, changes.status);
    this.touch(list, member);
    return this.view(list, member);
  }

  archiveMember(listId: string, id: string): MailchimpMember {
    const list = this.list(listId);
    const member = this.stored(list, id);
    this.setStatus(list, member, "archived");
    this.touch(list, member);
    return this.view(list, member);
  }

  /** Permanent deletion: the member disappears from every listing, archived ones included. */
  deleteMember(listId: string, id: string): void {
    const list = this.list(listId);
    list.remove(this.stored(list, id));
  }

  /** Current members (archived included) in creation order. */
  members(listId: string): MailchimpMember[] {
    const list = this.list(listId);
    return list.inCreationOrder().map((m) => this.view(list, m));
  }

  member(listId: string, id: string): MailchimpMember | undefined {
    const list = this.list(listId);
    const stored = list.byId.get(id);
    return stored && this.view(list, stored);
  }

  /** Answers the next n list and member requests (not ping) with `status`; 429s carry Retry-After when given. */
  failNext(n: number, status = 500, options: { retryAfterSeconds?: number } = {}): void {
    this.failures = { remaining: n, status, retryAfterSeconds: options.retryAfterSeconds };
  }

  resetCounters(): void {
    this.calls = 0;
    this.callsByPath.clear();
    this.membersCalls = 0;
    this.maxConcurrentByKey.clear();
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.calls++;
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const pathKey = `${req.method} ${url.pathname}`;
    this.callsByPath.set(pathKey, (this.callsByPath.get(pathKey) ?? 0) + 1);
    const segments = url.pathname.split("/").filter(Boolean);
    if (segments.length === 4 && segments[0] === "3.0" && segments[1] === "lists" && segments[3] === "members") {
      this.membersCalls++;
    }

    const key = this.authorisedKey(req);
    if (key === undefined) {
      await this.delay();
      const detail = "Your API key may be invalid, or you've attempted to access the wrong datacenter.";
      this.sendProblem(res, new ProblemError(401, "API Key Invalid", detail));
      return;
    }

    // A rejected request holds its connection open too, so it counts while it is being answered.
    const open = this.inFlight.get(key) ?? 0;
    this.inFlight.set(key, open + 1);
    res.once("close", () => this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1));
    this.maxConcurrentByKey.set(key, Math.max(this.maxConcurrentByKey.get(key) ?? 0, open + 1));
    await this.delay();
    if (open >= this.concurrencyLimit) {
      const detail = `You have exceeded the limit of ${this.concurrencyLimit} simultaneous connections.`;
      this.sendProblem(res, new ProblemError(429, "Too Many Requests", detail));
      return;
    }
    try {
      if (segments[0] !== "3.0") throw notFound();
      if (segments[1] === "lists" && this.failures.remaining > 0) {
        this.failures.remaining--;
        throw this.injectedFailure();
      }
      const body = this.route(req.method ?? "GET", segments.slice(1), url.searchParams);
      let projected: unknown = body;
      const fields = url.searchParams.get("fields");
      const excluded = url.searchParams.get("exclude_fields");
      if (fields) projected = pickFields(projected, parseFields(fields));
      if (excluded) projected = excludeFields(projected, parseFields(excluded));
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(projected));
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      this.sendProblem(res, error);
    }
  }

  private route(method: string, path: string[], params: URLSearchParams): unknown {
    const known =
      (path.length === 1 && (path[0] === "ping" || path[0] === "lists")) ||
      (path[0] === "lists" && path.length >= 2 && path.length <= 4 && (path.length === 2 || path[2] === "members"));
    if (!known) throw notFound();
    if (method !== "GET") {
      throw new ProblemError(405, "Method Not Allowed", `The requested method and resource are not compatible.`);
    }
    if (path[0] === "ping") return { health_status: "Everything's Chimpy!" };
    if (path.length === 1) return this.listsPage(params);
    const list = this.lists.get(path[1]);
    if (!list) throw notFound();
    if (path.length === 2) return this.listView(list);
    if (path.length === 3) return this.membersPage(list, params);
    const member = list.byId.get(path[3]);
    if (!member) throw notFound();
    return this.view(list, member);
  }

  private listsPage(params: URLSearchParams): unknown {
    const { count, offset } = pageParams(params);
    const all = [...this.lists.values()];
    return {
      lists: all.slice(offset, offset + count).map((list) => this.listView(list)),
      total_items: all.length,
      _links: [],
    };
  }

  private membersPage(list: StoredList, params: URLSearchParams): unknown {
    const { count, offset } = pageParams(params);
    const matched = this.query(list, membersQuery(params));
    const members = matched.slice(offset, offset + count).map((m) => this.view(list, m));
    const body = { members, list_id: list.id, total_items: matched.length, _links: [] };
    this.onMembersPage?.({ listId: list.id, offset, count, served: members.length });
    return body;
  }

  /** Members matching the filters, in the requested order; reused across pages until the list changes. */
  private query(list: StoredList, q: MembersQuery): StoredMember[] {
    const cacheKey = `${q.status}|${q.since}|${q.before}|${q.byLastChanged}|${q.descending}`;
    const cached = list.queries.get(cacheKey);
    if (cached) return cached;
    const source = q.byLastChanged ? list.inChangeOrder() : list.inCreationOrder();
    const matched = source.filter(
      (m) =>
        (q.status === undefined ? m.status !== "archived" : m.status === q.status) &&
        (q.since === undefined || m.changed > q.since) &&
        (q.before === undefined || m.changed < q.before),
    );
    if (q.descending) matched.reverse();
    list.queries.set(cacheKey, matched);
    return matched;
  }

  private listView(list: StoredList): unknown {
    const c = list.counts;
    return {
      id: list.id,
      web_id: list.webId,
      name: list.name,
      date_created: isoSeconds(list.created),
      visibility: "pub",
      double_optin: false,
      stats: {
        member_count: c.subscribed,
        total_contacts: list.byId.size - c.archived,
        unsubscribe_count: c.unsubscribed,
        cleaned_count: c.cleaned,
        member_count_since_send: c.subscribed,
        unsubscribe_count_since_send: c.unsubscribed,
        cleaned_count_since_send: c.cleaned,
        campaign_count: 0,
        merge_field_count: 2,
      },
      _links: [],
    };
  }

  private view(list: StoredList, m: StoredMember): MailchimpMember {
    return {
      id: m.id,
      email_address: m.email,
      unique_email_id: m.id.slice(0, 10),
      contact_id: this.contactPrefix + m.seq.toString(16).padStart(16, "0"),
      full_name: [m.firstName, m.lastName].filter(Boolean).join(" "),
      web_id: m.seq,
      email_type: "html",
      status: m.status,
      merge_fields: { FNAME: m.firstName, LNAME: m.lastName },
      stats: { avg_open_rate: 0, avg_click_rate: 0 },
      ip_signup: "",
      timestamp_signup: m.signup === undefined ? "" : isoSeconds(m.signup),
      ip_opt: "",
      timestamp_opt: isoSeconds(m.created),
      member_rating: 2,
      last_changed: isoSeconds(m.changed),
      language: "",
      vip: false,
      source: "API - Generic",
      tags_count: 0,
      tags: [],
      list_id: list.id,
    };
  }

  private newMember(
    id: string,
    email: string,
    status: MemberStatus,
    firstName: string,
    lastName: string,
    now: number = this.stamp(),
  ): StoredMember {
    return {
      seq: ++this.seq,
      change: ++this.changeSeq,
      id,
      email,
      status,
      firstName,
      lastName,
      created: now,
      changed: now,
      signup: undefined,
      deleted: false,
    };
  }

  private setStatus(list: StoredList, member: StoredMember, status: MemberStatus): void {
    list.counts[member.status]--;
    member.status = status;
    list.counts[status]++;
  }

  private touch(list: StoredList, member: StoredMember): void {
    member.change = ++this.changeSeq;
    member.changed = this.stamp();
    list.changed(member);
  }

  private stamp(): number {
    return Math.floor(this.now().getTime() / 1000) * 1000;
  }

  private list(listId: string): StoredList {
    const list = this.lists.get(listId);
    if (!list) throw new Error(`no list ${listId}`);
    return list;
  }

  private stored(list: StoredList, id: string): StoredMember {
    const member = list.byId.get(id);
    if (!member) throw new Error(`no member ${id} in list ${list.id}`);
    return member;
  }

  /** The API key from `Authorization: Basic base64(anything:key)`, if it is one of ours. */
  private authorisedKey(req: http.IncomingMessage): string | undefined {
    const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (!match) return undefined;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    const key = decoded.slice(colon + 1);
    return this.keys.has(key) ? key : undefined;
  }

  private injectedFailure(): ProblemError {
    const { status, retryAfterSeconds } = this.failures;
    if (status === 429) {
      const detail = `You have exceeded the limit of ${this.concurrencyLimit} simultaneous connections.`;
      return new ProblemError(429, "Too Many Requests", detail, { retryAfterSeconds });
    }
    const title = status === 404 ? "Resource Not Found" : (http.STATUS_CODES[status] ?? "Error");
    return new ProblemError(status, title, "An unexpected error occurred.", { retryAfterSeconds });
  }

  private sendProblem(res: http.ServerResponse, problem: ProblemError): void {
    const { retryAfterSeconds, ...extra } = problem.extra;
    const headers: http.OutgoingHttpHeaders = { "content-type": "application/problem+json" };
    if (typeof retryAfterSeconds === "number") headers["retry-after"] = String(retryAfterSeconds);
    res.writeHead(problem.status, headers);
    res.end(
      JSON.stringify({
        type: ERROR_TYPE,
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        instance: crypto.randomUUID(),
        ...extra,
      }),
    );
  }

  /**
   * Requests from now on wait, once counted, until the returned function is called: a test can have any number of
   * requests open at the same moment without relying on a latency to make them overlap.
   */
  holdResponses(): () => void {
    return this.responses.hold();
  }

  private async delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (this.responses.held) await this.responses.held;
  }
}
