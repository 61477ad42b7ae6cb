import { HttpClient, HttpError } from "../http-client";

export interface SalesforceCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  securityToken?: string;
}

/** The org's daily API allowance as the last `Sforce-Limit-Info` header reported it. */
export interface ApiUsage {
  used: number;
  limit: number;
}

export interface QueryPage<R> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: R[];
}

interface TokenResponse {
  access_token: string;
  instance_url: string;
  issued_at?: string;
}

interface Session {
  accessToken: string;
  instanceUrl: string;
  /** Salesforce's clock minus ours. */
  skewMs: number;
}

/** A Salesforce failure with its error code (REST answers `[{errorCode, message}]`, OAuth `{error, error_description}`). */
export class SalesforceError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SalesforceError";
  }
}

function toSalesforceError(error: HttpError, what: string): SalesforceError {
  let code = `HTTP_${error.status}`;
  let detail = error.body.slice(0, 300);
  try {
    const body = JSON.parse(error.body);
    const first = Array.isArray(body) ? body[0] : body;
    if (first?.errorCode) [code, detail] = [first.errorCode, first.message ?? ""];
    else if (first?.error) [code, detail] = [first.error, first.error_description ?? ""];
  } catch {
    // not JSON (a proxy's page): keep the raw text
  }
  return new SalesforceError(error.status, code, `${what}: ${code}: ${detail.trim()}`, { cause: error });
}

/** `api-usage=123/15000` (other limits, e.g. `per-app-api-usage=…`, may follow in the same header). */
const USAGE = /(?:^|[\s;,])api-usage=(\d+)\/(\d+)/;

/**
 * The few REST calls the connector makes, all through Conflux's HttpClient (rate limit, retries, API-call count).
 * One instance per run: it holds the run's access token and the org's API usage seen so far.
 */
export class SalesforceApi {
  usage: ApiUsage | undefined;
  private session: Promise<Session> | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly loginUrl: string,
    readonly version: string,
    private readonly credentials: SalesforceCredentials,
  ) {}

  /** Salesforce's current time, so bounds compare with SystemModstamp on the org's clock, not on a skewed local one. */
  async serverNow(): Promise<number> {
    return Date.now() + (await this.currentSession()).skewMs;
  }

  async get<T>(path: string, query?: Record<string, string>): Promise<T> {
    for (let refreshed = false; ; refreshed = true) {
      const pending = this.currentSession();
      const session = await pending;
      try {
        const res = await this.http.json<T>({ url: session.instanceUrl + path, query, headers: { authorization: `Bearer ${session.accessToken}` } });
        this.noteUsage(res.headers["sforce-limit-info"]);
        return res.body;
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        const failure = toSalesforceError(error, `Salesforce GET ${path.split("?")[0]}`);
        // Sessions time out (2 hours idle by default) or get revoked: one new token, then the error stands.
        if (failure.errorCode === "INVALID_SESSION_ID" && !refreshed) {
          if (this.session === pending) this.session = undefined;
          continue;
        }
        if (failure.errorCode === "REQUEST_LIMIT_EXCEEDED") {
          const usage = this.usage ? ` (last seen ${this.usage.used}/${this.usage.limit})` : "";
          throw new SalesforceError(
            failure.status,
            failure.errorCode,
            `Salesforce refused the call: the org's daily API request limit is used up${usage}. It frees up over a rolling 24 hours; the next run resumes where this one stopped.`,
            { cause: error },
          );
        }
        throw failure;
      }
    }
  }

  /** Every batch of a SOQL query, following `nextRecordsUrl`; the next batch is asked for only once this one is consumed. */
  async *query<R>(soql: string): AsyncGenerator<QueryPage<R>> {
    let page = await this.get<QueryPage<R>>(`/services/data/v${this.version}/query`, { q: soql });
    for (;;) {
      yield page;
      if (page.done || !page.nextRecordsUrl) return;
      page = await this.get<QueryPage<R>>(page.nextRecordsUrl);
    }
  }

  private currentSession(): Promise<Session> {
    this.session ??= this.login().catch((error: unknown) => {
      this.session = undefined;
      throw error;
    });
    return this.session;
  }

  /**
   * The OAuth 2.0 username-password flow. The JWT bearer flow (grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer
   * with a signed assertion, no password kept) would slot in here: same endpoint, same answer.
   */
  private async login(): Promise<Session> {
    const { clientId, clientSecret, username, password, securityToken } = this.credentials;
    let res;
    try {
      // HttpClient sends JSON bodies only and the token endpoint reads a form; Salesforce also takes the parameters
      // in the query string of the POST. HttpError reports origin and path only, so the password stays out of errors.
      res = await this.http.json<TokenResponse>({
        method: "POST",
        url: `${this.loginUrl.replace(/\/+$/, "")}/services/oauth2/token`,
        form: { grant_type: "password", client_id: clientId, client_secret: clientSecret, username, password: password + (securityToken ?? "") },
      });
    } catch (error) {
      throw error instanceof HttpError ? toSalesforceError(error, `Salesforce login as ${username} failed`) : error;
    }
    const { access_token, instance_url, issued_at } = res.body;
    // issued_at is stamped while the request is in flight, so the skew errs early: bounds only get wider.
    const issuedAt = Number(issued_at);
    return { accessToken: access_token, instanceUrl: instance_url.replace(/\/+$/, ""), skewMs: Number.isFinite(issuedAt) ? issuedAt - Date.now() : 0 };
  }

  private noteUsage(header: string | string[] | undefined): void {
    const m = USAGE.exec(Array.isArray(header) ? header.join(";") : (header ?? ""));
    if (m) this.usage = { used: Number(m[1]), limit: Number(m[2]) };
  }
}
