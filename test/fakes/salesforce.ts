import crypto from "node:crypto";
import http from "node:http";

/**
 * An in-process stand-in for a Salesforce org's REST API, as far as a sync of Accounts and Contacts uses it. Two
 * servers, like the real thing: the login host (`loginUrl`) serves only the OAuth token endpoint, the instance
 * (`instanceUrl`, the token answer's `instance_url`) serves the data API, so a client that keeps calling the login
 * host fails. What it copies from Salesforce's documentation:
 *
 * - OAuth 2.0 username-password flow: `POST /services/oauth2/token` with grant_type=password, client_id,
 *   client_secret, username and password (the user's security token appended to the password, when the org has
 *   one). The parameters are read from an `application/x-www-form-urlencoded` body and from the URL's query string,
 *   which Salesforce also accepts; a JSON body is not read (the call then lacks grant_type). Success is
 *   `{access_token, instance_url, id, token_type: "Bearer", issued_at, signature}`, `issued_at` in epoch
 *   milliseconds and `signature` the Base64 HMAC-SHA256 of `id + issued_at` keyed with the client secret. Failures
 *   are 400 `{error, error_description}`: `unsupported_grant_type`, `invalid_client_id`, `invalid_client`,
 *   `invalid_grant` ("authentication failure"). No refresh token is issued in this flow.
 * - REST errors are 4xx with a JSON array `[{"message", "errorCode"}]`: 401 INVALID_SESSION_ID for a missing,
 *   unknown or expired token (`expireTokens()`), 403 REQUEST_LIMIT_EXCEEDED ("TotalRequests Limit exceeded.") once
 *   the org's daily quota is used up, 400 MALFORMED_QUERY / INVALID_FIELD / INVALID_TYPE for SOQL it rejects,
 *   400 INVALID_QUERY_LOCATOR for an expired or released cursor, 404 NOT_FOUND for other paths.
 * - Every answer of the data API after authentication carries `Sforce-Limit-Info: api-usage=<used>/<limit>`, the
 *   call itself counted; the token endpoint does not (it is no API call). Injected failures (`failNext`) do not
 *   count either.
 * - `GET /services/data/vNN.N/query?q=` and `/queryAll?q=`: `{totalSize, done, nextRecordsUrl?, records}`, each
 *   record `{attributes: {type, url}, <fields in the order selected>}`, datetimes printed as Salesforce does
 *   (`2026-11-23T10:00:00.000+0000`, millisecond precision). `query` does not see deleted records, `queryAll` does
 *   (IsDeleted true). Up to `pageSize` (2000) records per batch; the rest through `nextRecordsUrl`
 *   (`/services/data/vNN.N/query/01g…-2000`), a server-side cursor over the result as it was when the query ran:
 *   changes made later do not show in later batches. A cursor expires after 15 minutes of inactivity (of the fake's
 *   clock) and a user has at most 10 open: opening an 11th releases the oldest.
 * - `GET …/sobjects/{Account|Contact}/deleted/?start=&end=` (getDeleted): deleted records whose deletedDate (their
 *   SystemModstamp at deletion) falls in the window, with `earliestDateAvailable` and `latestDateCovered`. The bounds
 *   are taken to the minute; start must precede end by at least a minute and be within the last 15 days, else 400
 *   INVALID_REPLICATION_DATE.
 * - `GET …/limits`: `{DailyApiRequests: {Max, Remaining}}`.
 * - Ids are 18 characters: key prefix (001 Account, 003 Contact), pod, and the case-insensitive checksum suffix.
 *
 * SOQL is parsed, not pattern-matched, and only this subset is understood: `SELECT <fields> | COUNT() FROM
 * Account|Contact [WHERE <cond> [AND <cond>]…] [ORDER BY <field> [ASC|DESC] [, …]] [LIMIT n]`, keywords and names
 * case-insensitive, where a condition compares a datetime field (SystemModstamp, LastModifiedDate, CreatedDate) with
 * an unquoted datetime literal (`2026-11-23T10:00:00Z`, `…00.000+0000`, `…+00:00`) by = != < <= > >=, or IsDeleted
 * with true/false by = !=. Unknown objects and fields get Salesforce's INVALID_TYPE / INVALID_FIELD, a quoted or
 * date-only value on a datetime field INVALID_FIELD, anything else (OR, relationships, other filters) 400
 * MALFORMED_QUERY. Without ORDER BY records come in creation order.
 */

export type SObjectName = "Account" | "Contact";

export interface AccountFields {
  Name: string;
  Website: string | null;
  Industry: string | null;
  NumberOfEmployees: number | null;
  BillingCountry: string | null;
  BillingState: string | null;
}

export interface ContactFields {
  Email: string | null;
  FirstName: string | null;
  LastName: string;
  AccountId: string | null;
}

export interface FakeSalesforceOptions {
  username?: string;
  password?: string;
  /** Appended to the password by clients, as Salesforce requires from outside trusted IP ranges. */
  securityToken?: string;
  clientId?: string;
  clientSecret?: string;
  now?: () => Date;
  /** The org's daily API request allowance. Default 15000. */
  apiLimit?: number;
  apiUsed?: number;
  /** Records per query batch. Default 2000. */
  pageSize?: number;
}

type FieldType = "id" | "string" | "int" | "boolean" | "datetime";

const SCHEMA: Record<SObjectName, { prefix: string; fields: Record<string, FieldType> }> = {
  Account: {
    prefix: "001",
    fields: {
      Id: "id", Name: "string", Website: "string", Industry: "string", NumberOfEmployees: "int", BillingCountry: "string",
      BillingState: "string", CreatedDate: "datetime", LastModifiedDate: "datetime", SystemModstamp: "datetime", IsDeleted: "boolean",
    },
  },
  Contact: {
    prefix: "003",
    fields: {
      Id: "id", Email: "string", FirstName: "string", LastName: "string", AccountId: "id", CreatedDate: "datetime",
      LastModifiedDate: "datetime", SystemModstamp: "datetime", IsDeleted: "boolean",
    },
  },
};

/** A stored record: API field names, datetimes as epoch milliseconds. */
type Row = Record<string, unknown> & { Id: string; IsDeleted: boolean; SystemModstamp: number };

interface Cond {
  field: string;
  op: string;
  value: number | boolean;
}

interface Soql {
  object: SObjectName;
  /** Null for COUNT(). */
  fields: string[] | null;
  where: Cond[];
  orderBy: { field: string; desc: boolean }[];
  limit?: number;
}

interface Cursor {
  rows: Record<string, unknown>[];
  resource: "query" | "queryAll";
  version: string;
  lastUsed: number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CURSOR_TTL_MS = 15 * 60_000;
const MAX_CURSORS = 10;
const MINUTE = 60_000;

/** Salesforce's print of a datetime: `2026-11-23T10:00:00.000+0000`. */
export const sfTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");

/** The 3-character suffix that makes a 15-character id case-insensitive (a bit per upper-case letter per 5). */
export function idChecksum(id15: string): string {
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits];
  }
  return suffix;
}

const KEYWORDS = new Set(["select", "from", "where", "and", "or", "not", "order", "by", "asc", "desc", "limit", "nulls", "offset", "group"]);
const TOKEN =
  /\s*(?:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2}))|(\d{4}-\d{2}-\d{2})|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|('(?:[^'\\]|\\.)*')|(>=|<=|!=|<>|=|<|>)|([,()]))/y;
const KINDS = ["datetime", "date", "number", "word", "string", "op", "punct"] as const;

interface Token {
  kind: (typeof KINDS)[number] | "end";
  text: string;
  col: number;
}

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < soql.length && soql.slice(at).trim()) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(soql);
    if (!m) throw malformed(soql, at + soql.slice(at).search(/\S/) + 1, soql.slice(at).trim().split(/\s/)[0]);
    const group = m.slice(1).findIndex((g) => g !== undefined);
    tokens.push({ kind: KINDS[group], text: m[group + 1], col: m.index + m[0].length - m[group + 1].length + 1 });
    at = TOKEN.lastIndex;
  }
  tokens.push({ kind: "end", text: "<EOF>", col: soql.length + 1 });
  return tokens;
}

function malformed(soql: string, col: number, text: string): ApiError {
  return new ApiError(400, "MALFORMED_QUERY", `\n${soql}\n${" ".repeat(Math.max(0, col - 1))}^\nERROR at Row:1:Column:${col}\nunexpected token: '${text}'`);
}

function parseDatetime(text: string): number {
  return Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
}

/** Parses the SOQL subset described above; throws the ApiError Salesforce would answer. */
export function parseSoql(soql: string): Soql {
  const tokens = tokenize(soql);
  let i = 0;
  const peek = () => tokens[i];
  const isWord = (kw: string) => peek().kind === "word" && peek().text.toLowerCase() === kw;
  const fail = (t = peek()) => malformed(soql, t.col, t.text);
  const expectWord = (kw: string) => {
    if (!isWord(kw)) throw fail();
    i++;
  };
  const expectPunct = (p: string) => {
    if (peek().text !== p) throw fail();
    i++;
  };
  const name = (): Token => {
    const t = peek();
    if (t.kind !== "word" || KEYWORDS.has(t.text.toLowerCase())) throw fail(t);
    i++;
    return t;
  };

  expectWord("select");
  let selected: Token[] | null = null;
  if (isWord("count") && tokens[i + 1].text === "(") {
    i += 2;
    expectPunct(")");
  } else {
    selected = [name()];
    while (peek().text === ",") {
      i++;
      selected.push(name());
    }
  }
  expectWord("from");
  const objectToken = name();
  const object = (Object.keys(SCHEMA) as SObjectName[]).find((o) => o.toLowerCase() === objectToken.text.toLowerCase());
  if (!object) {
    throw new ApiError(400, "INVALID_TYPE", `sObject type '${objectToken.text}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  const fieldTypes = SCHEMA[object].fields;
  const field = (t: Token): string => {
    if (t.text.includes(".")) throw fail(t); // relationship paths are not implemented
    const canonical = Object.keys(fieldTypes).find((f) => f.toLowerCase() === t.text.toLowerCase());
    if (!canonical) {
      throw new ApiError(400, "INVALID_FIELD", `No such column '${t.text}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    return canonical;
  };
  const fields = selected?.map(field) ?? null;
  if (fields && new Set(fields).size !== fields.length) {
    throw new ApiError(400, "MALFORMED_QUERY", `duplicate field selected: ${fields.find((f, k) => fields.indexOf(f) !== k)}`);
  }

  const where: Cond[] = [];
  if (isWord("where")) {
    i++;
    do {
      if (where.length) i++; // the AND
      const f = field(name());
      const opToken = peek();
      if (opToken.kind !== "op") throw fail();
      i++;
      const op = opToken.text === "<>" ? "!=" : opToken.text;
      const literal = peek();
      i++;
      if (fieldTypes[f] === "datetime") {
        if (literal.kind !== "datetime") {
          if (literal.kind === "string" || literal.kind === "date") {
            throw new ApiError(400, "INVALID_FIELD", `value of filter criterion for field '${f}' must be of type dateTime and should not be enclosed in quotes`);
          }
          throw fail(literal);
        }
        where.push({ field: f, op, value: parseDatetime(literal.text) });
      } else if (fieldTypes[f] === "boolean") {
        const v = literal.text.toLowerCase();
        if (literal.kind !== "word" || (v !== "true" && v !== "false") || (op !== "=" && op !== "!=")) {
          if (literal.kind === "string") {
            throw new ApiError(400, "INVALID_FIELD", `value of filter criterion for field '${f}' must be of type boolean and should not be enclosed in quotes`);
          }
          throw fail(literal);
        }
        where.push({ field: f, op, value: v === "true" });
      } else {
        throw fail(opToken); // filters on other fields are not implemented
      }
    } while (isWord("and"));
  }

  const orderBy: Soql["orderBy"] = [];
  if (isWord("order")) {
    i++;
    expectWord("by");
    do {
      if (orderBy.length) i++; // the comma
      const f = field(name());
      const desc = isWord("desc");
      if (desc || isWord("asc")) i++;
      orderBy.push({ field: f, desc });
    } while (peek().text === ",");
    if (!fields) throw new ApiError(400, "MALFORMED_QUERY", "Ordered field must be grouped or aggregated");
  }

  let limit: number | undefined;
  if (isWord("limit")) {
    i++;
    const n = peek();
    if (n.kind !== "number" || !/^\d+$/.test(n.text)) throw fail(n);
    i++;
    limit = Number(n.text);
  }
  if (peek().kind !== "end") throw fail();
  return { object, fields, where, orderBy, limit };
}

function matches(row: Row, c: Cond): boolean {
  const v = row[c.field] as number | boolean;
  switch (c.op) {
    case "=": return v === c.value;
    case "!=": return v !== c.value;
    case "<": return v < c.value;
    case "<=": return v <= c.value;
    case ">": return v > c.value;
    default: return v >= c.value;
  }
}

/** Nulls first ascending, as SOQL sorts by default. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

export class FakeSalesforce {
  loginUrl = "";
  instanceUrl = "";
  now: () => Date;
  apiLimit: number;
  apiUsed: number;
  pageSize: number;

  /** Token endpoint calls, failed ones included. */
  tokenRequests = 0;
  /** Data API requests received, whatever their outcome. */
  apiCalls = 0;
  /** query and queryAll requests that ran a SOQL statement. */
  queries = 0;
  /** Requests for a further batch through nextRecordsUrl. */
  queryMores = 0;

  private readonly credentials: Required<Omit<FakeSalesforceOptions, "now" | "apiLimit" | "apiUsed" | "pageSize">>;
  private readonly tokens = new Set<string>();
  private readonly store: Record<SObjectName, Map<string, Row>> = { Account: new Map(), Contact: new Map() };
  private readonly cursors = new Map<string, Cursor>();
  private failures = { remaining: 0, status: 500 };
  private seq = 0;
  private readonly orgCreated: number;
  private readonly orgId: string;
  private readonly userId: string;
  private readonly loginServer = http.createServer((req, res) => this.handle(res, () => this.serveLogin(req, res)));
  private readonly instanceServer = http.createServer((req, res) => this.handle(res, () => this.serveApi(req, res)));

  constructor(options: FakeSalesforceOptions = {}) {
    this.credentials = {
      username: options.username ?? "sync@example.com",
      password: options.password ?? "s3cret",
      securityToken: options.securityToken ?? "",
      clientId: options.clientId ?? "3MVG9fakeConsumerKey",
      clientSecret: options.clientSecret ?? "fakeConsumerSecret",
    };
    this.now = options.now ?? (() => new Date());
    this.apiLimit = options.apiLimit ?? 15_000;
    this.apiUsed = options.apiUsed ?? 0;
    this.pageSize = options.pageSize ?? 2000;
    this.orgCreated = this.now().getTime();
    this.orgId = this.newId("00D");
    this.userId = this.newId("005");
  }

  async start(): Promise<void> {
    const listen = async (server: http.Server) => {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    };
    this.loginUrl = await listen(this.loginServer);
    this.instanceUrl = await listen(this.instanceServer);
  }

  async stop(): Promise<void> {
    for (const server of [this.loginServer, this.instanceServer]) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }

  addAccount(fields: Partial<AccountFields> = {}): string {
    return this.insert("Account", {
      Name: `Account ${this.seq}`, Website: null, Industry: null, NumberOfEmployees: null, BillingCountry: null, BillingState: null,
      ...fields,
    });
  }

  updateAccount(id: string, changes: Partial<AccountFields>): void {
    this.update("Account", id, changes);
  }

  deleteAccount(id: string): void {
    this.remove("Account", id);
  }

  addContact(fields: Partial<ContactFields> = {}): string {
    return this.insert("Contact", { Email: null, FirstName: null, LastName: `Contact ${this.seq}`, AccountId: null, ...fields });
  }

  updateContact(id: string, changes: Partial<ContactFields>): void {
    this.update("Contact", id, changes);
  }

  deleteContact(id: string): void {
    this.remove("Contact", id);
  }

  /** Every stored record of an object (deleted ones included) as the API would print all its fields. */
  rows(object: SObjectName): Record<string, unknown>[] {
    return [...this.store[object].values()].map((row) => this.print(row, Object.keys(SCHEMA[object].fields), "59.0"));
  }

  /** The next `n` data API requests answer `status` before authentication (and are not counted as usage). */
  failNext(n: number, status = 500): void {
    this.failures = { remaining: n, status };
  }

  /** Invalidates every token issued so far, as a session timeout or a revoked session does. */
  expireTokens(): void {
    this.tokens.clear();
  }

  resetCounters(): void {
    this.tokenRequests = this.apiCalls = this.queries = this.queryMores = 0;
  }

  private newId(prefix: string): string {
    let n = ++this.seq;
    let unique = "";
    for (let k = 0; k < 9; k++, n = Math.floor(n / 62)) unique = BASE62[n % 62] + unique;
    const id15 = `${prefix}5g0${unique}`;
    return id15 + idChecksum(id15);
  }

  private insert(object: SObjectName, fields: Record<string, unknown>): string {
    const at = this.now().getTime();
    const row: Row = { ...fields, Id: this.newId(SCHEMA[object].prefix), CreatedDate: at, LastModifiedDate: at, SystemModstamp: at, IsDeleted: false };
    this.store[object].set(row.Id, row);
    return row.Id;
  }

  private live(object: SObjectName, id: string): Row {
    const row = this.store[object].get(id);
    if (!row) throw new Error(`no ${object} ${id}`);
    if (row.IsDeleted) throw new Error(`${object} ${id} is deleted (ENTITY_IS_DELETED)`);
    return row;
  }

  private update(object: SObjectName, id: string, changes: Record<string, unknown>): void {
    const row = this.live(object, id);
    const at = this.now().getTime();
    Object.assign(row, changes, { LastModifiedDate: at, SystemModstamp: at });
  }

  /** To the recycle bin: hidden from query, kept for queryAll and getDeleted, deletedDate = the new SystemModstamp. */
  private remove(object: SObjectName, id: string): void {
    const row = this.live(object, id);
    row.IsDeleted = true;
    row.SystemModstamp = this.now().getTime();
  }

  private print(row: Row, fields: string[], version: string): Record<string, unknown> {
    const object = row.Id.startsWith("001") ? "Account" : "Contact";
    const out: Record<string, unknown> = { attributes: { type: object, url: `/services/data/v${version}/sobjects/${object}/${row.Id}` } };
    for (const f of fields) {
      const v = row[f];
      out[f] = SCHEMA[object].fields[f] === "datetime" ? sfTime(v as number) : (v ?? null);
    }
    return out;
  }

  private handle(res: http.ServerResponse, serve: () => Promise<void>): void {
    serve().catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else this.send(res, 500, [{ message: String(error), errorCode: "UNKNOWN_EXCEPTION" }]);
    });
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
    res.writeHead(status, { "content-type": "application/json;charset=UTF-8", date: this.now().toUTCString(), ...headers });
    res.end(JSON.stringify(body));
  }

  private async serveLogin(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.loginUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (url.pathname !== "/services/oauth2/token") {
      return this.send(res, 404, [{ message: "The requested resource does not exist", errorCode: "NOT_FOUND" }]);
    }
    this.tokenRequests++;
    const oauthError = (error: string, description: string) => this.send(res, 400, { error, error_description: description });
    if (req.method !== "POST") return oauthError("invalid_request", "must use HTTP POST");
    const params = new URLSearchParams(url.search);
    if (/^application\/x-www-form-urlencoded/i.test(req.headers["content-type"] ?? "")) {
      for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString("utf8"))) params.set(k, v);
    }
    const c = this.credentials;
    if (params.get("grant_type") !== "password") return oauthError("unsupported_grant_type", "grant type not supported");
    if (params.get("client_id") !== c.clientId) return oauthError("invalid_client_id", "client identifier invalid");
    if (params.get("client_secret") !== c.clientSecret) return oauthError("invalid_client", "invalid client credentials");
    if (params.get("username") !== c.username || params.get("password") !== c.password + c.securityToken) {
      return oauthError("invalid_grant", "authentication failure");
    }
    const accessToken = `${this.orgId.slice(0, 15)}!AQ${crypto.randomBytes(48).toString("base64url")}`;
    this.tokens.add(accessToken);
    const id = `${this.loginUrl}/id/${this.orgId}/${this.userId}`;
    const issuedAt = String(this.now().getTime());
    const signature = crypto.createHmac("sha256", c.clientSecret).update(id + issuedAt).digest("base64");
    this.send(res, 200, { access_token: accessToken, instance_url: this.instanceUrl, id, token_type: "Bearer", issued_at: issuedAt, signature });
  }

  private async serveApi(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for await (const _ of req); // drain
    const url = new URL(req.url ?? "/", this.instanceUrl);
    const notFound = () => this.send(res, 404, [{ message: "The requested resource does not exist", errorCode: "NOT_FOUND" }]);
    const route = /^\/services\/data\/v(\d+\.\d)\/(.*?)\/?$/.exec(url.pathname);
    if (!route) return notFound();
    this.apiCalls++;
    if (this.failures.remaining > 0) {
      this.failures.remaining--;
      const status = this.failures.status;
      const errorCode = status === 503 ? "SERVER_UNAVAILABLE" : status === 429 ? "REQUEST_LIMIT_EXCEEDED" : "UNKNOWN_EXCEPTION";
      return this.send(res, status, [{ message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${crypto.randomInt(1e9)}-${crypto.randomInt(1e5)} (${status})`, errorCode }]);
    }
    const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!token || !this.tokens.has(token)) {
      return this.send(res, 401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
    }
    if (this.apiUsed >= this.apiLimit) {
      return this.send(res, 403, [{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }], this.limitHeader());
    }
    this.apiUsed++;
    if (req.method !== "GET") {
      return this.send(res, 405, [{ message: `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`, errorCode: "METHOD_NOT_ALLOWED" }], this.limitHeader());
    }
    const [, version, rest] = route;
    try {
      let body: unknown;
      let m: RegExpExecArray | null;
      if (rest === "query" || rest === "queryAll") body = this.query(url.searchParams.get("q"), rest, version);
      else if ((m = /^(query|queryAll)\/(01g[A-Za-z0-9]{15})-(\d+)$/.exec(rest))) body = this.queryMore(m[2], Number(m[3]));
      else if ((m = /^sobjects\/(Account|Contact)\/deleted$/.exec(rest))) body = this.getDeleted(m[1] as SObjectName, url.searchParams);
      else if (rest === "limits") body = { DailyApiRequests: { Max: this.apiLimit, Remaining: Math.max(0, this.apiLimit - this.apiUsed) } };
      else return this.send(res, 404, [{ message: "The requested resource does not exist", errorCode: "NOT_FOUND" }], this.limitHeader());
      this.send(res, 200, body, this.limitHeader());
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.send(res, error.status, [{ message: error.message, errorCode: error.errorCode }], this.limitHeader());
    }
  }

  private limitHeader(): http.OutgoingHttpHeaders {
    return { "sforce-limit-info": `api-usage=${this.apiUsed}/${this.apiLimit}` };
  }

  private query(q: string | null, resource: "query" | "queryAll", version: string): unknown {
    if (!q) throw new ApiError(400, "MALFORMED_QUERY", "A query string has to be specified");
    this.queries++;
    const soql = parseSoql(q);
    let rows = [...this.store[soql.object].values()].filter((r) => (resource === "queryAll" || !r.IsDeleted) && soql.where.every((c) => matches(r, c)));
    if (soql.orderBy.length) {
      rows.sort((a, b) => {
        for (const { field, desc } of soql.orderBy) {
          const d = compare(a[field], b[field]);
          if (d) return desc ? -d : d;
        }
        return 0;
      });
    }
    if (soql.limit !== undefined) rows = rows.slice(0, soql.limit);
    if (!soql.fields) return { totalSize: rows.length, done: true, records: [] };
    const printed = rows.map((r) => this.print(r, soql.fields!, version));
    if (printed.length <= this.pageSize) return { totalSize: printed.length, done: true, records: printed };
    for (const [id, c] of this.cursors) if (this.now().getTime() - c.lastUsed > CURSOR_TTL_MS) this.cursors.delete(id);
    if (this.cursors.size >= MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value!);
    const locator = this.newId("01g");
    this.cursors.set(locator, { rows: printed, resource, version, lastUsed: this.now().getTime() });
    return this.batch(locator, 0);
  }

  private queryMore(locator: string, offset: number): unknown {
    this.queryMores++;
    const cursor = this.cursors.get(locator);
    const expired = cursor !== undefined && this.now().getTime() - cursor.lastUsed > CURSOR_TTL_MS;
    if (expired) this.cursors.delete(locator);
    if (!cursor || expired || offset <= 0 || offset >= cursor.rows.length) throw new ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    return this.batch(locator, offset);
  }

  private batch(locator: string, offset: number): unknown {
    const cursor = this.cursors.get(locator)!;
    cursor.lastUsed = this.now().getTime();
    const end = offset + this.pageSize;
    const done = end >= cursor.rows.length;
    if (done) this.cursors.delete(locator);
    return {
      totalSize: cursor.rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${cursor.version}/${cursor.resource}/${locator}-${end}` }),
      records: cursor.rows.slice(offset, end),
    };
  }

  private getDeleted(object: SObjectName, params: URLSearchParams): unknown {
    const bound = (name: string) => {
      const raw = params.get(name);
      if (!raw) throw new ApiError(400, "MISSING_ARGUMENT", `${name} not specified`);
      const ms = parseDatetime(raw);
      if (Number.isNaN(ms)) throw new ApiError(400, "INVALID_REPLICATION_DATE", `${name} is not a valid dateTime: ${raw}`);
      return Math.floor(ms / MINUTE) * MINUTE;
    };
    const start = bound("start");
    const end = bound("end");
    const now = this.now().getTime();
    if (end - start < MINUTE) throw new ApiError(400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate by more than one minute");
    if (start < now - 15 * 24 * 60 * MINUTE) throw new ApiError(400, "INVALID_REPLICATION_DATE", "startDate cannot be more than 15 days ago");
    const covered = Math.min(end, Math.floor(now / MINUTE) * MINUTE);
    const deletedRecords = [...this.store[object].values()]
      .filter((r) => r.IsDeleted && r.SystemModstamp >= start && r.SystemModstamp < covered)
      .sort((a, b) => a.SystemModstamp - b.SystemModstamp)
      .map((r) => ({ id: r.Id, deletedDate: sfTime(r.SystemModstamp) }));
    return { deletedRecords, earliestDateAvailable: sfTime(Math.floor(this.orgCreated / MINUTE) * MINUTE), latestDateCovered: sfTime(covered) };
  }
}

export async function startFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const fake = new FakeSalesforce(options);
  await fake.start();
  return fake;
}
