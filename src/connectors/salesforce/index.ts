import { z } from "zod";
import type { ConnectorContext, ConnectorPlugin, SourcePage, SourceRecord } from "../contract";
import type { HttpClient } from "../http-client";
import { SalesforceApi } from "./api";

export { SalesforceError } from "./api";

const OBJECTS = ["Account", "Contact"] as const;
export type SalesforceObject = (typeof OBJECTS)[number];

const config = z.object({
  /** login.salesforce.com, test.salesforce.com (sandboxes) or a My Domain; tests point it at a fake. */
  loginUrl: z.string().url().default("https://login.salesforce.com"),
  apiVersion: z.string().regex(/^\d{2,3}\.0$/).default("59.0"),
  objects: z.array(z.enum(OBJECTS)).min(1).default(["Account", "Contact"]),
  /**
   * Share of the org's daily API allowance (Sforce-Limit-Info) at which a read stops after its current page: the
   * allowance is shared with every other integration of the org, and the cursor lets the next run go on.
   */
  stopAtApiUsage: z.number().min(0).max(1).default(0.9),
  /** How far before Salesforce's "now" a read stops, for changes committed with a SystemModstamp in the past. */
  visibilityMarginSeconds: z.number().min(0).max(3600).default(1),
});
const secret = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  username: z.string().min(1),
  password: z.string().min(1),
  /** Appended to the password, as Salesforce wants from outside the org's trusted IP ranges. */
  securityToken: z.string().optional(),
});

type Config = z.infer<typeof config>;
type Secret = z.infer<typeof secret>;
type Ctx = ConnectorContext<Config, Secret>;
type Row = Record<string, unknown> & { Id: string; SystemModstamp: string; IsDeleted?: boolean };

const FIELDS: Record<SalesforceObject, string[]> = {
  Account: ["Id", "Name", "Website", "Industry", "NumberOfEmployees", "BillingCountry", "BillingState", "LastModifiedDate", "SystemModstamp", "IsDeleted"],
  Contact: ["Id", "Email", "FirstName", "LastName", "AccountId", "SystemModstamp", "IsDeleted"],
};

/** Salesforce prints `2026-11-23T10:00:00.000+0000`; records and cursors carry `2026-11-23T10:00:00.000Z`. */
const iso = (sf: unknown): string | null =>
  typeof sf === "string" ? new Date(Date.parse(sf.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"))).toISOString() : null;
const text = (v: unknown): string | null => (typeof v === "string" ? v : null);

const DATA: Record<SalesforceObject, (r: Row) => Record<string, unknown>> = {
  Account: (r) => ({
    type: "Account",
    name: text(r.Name),
    website: text(r.Website),
    industry: text(r.Industry),
    employees: typeof r.NumberOfEmployees === "number" ? r.NumberOfEmployees : null,
    country: text(r.BillingCountry),
    region: text(r.BillingState),
  }),
  Contact: (r) => ({ type: "Contact", email: text(r.Email), first_name: text(r.FirstName), last_name: text(r.LastName), account_id: text(r.AccountId) }),
};

const toRecord = (object: SalesforceObject, r: Row): SourceRecord => ({
  id: r.Id,
  data: DATA[object](r),
  changedAt: iso(r.SystemModstamp)!,
  facet: object,
  kind: object === "Account" ? "company" : "customer",
});

/**
 * Resume state, per object: `bookmarks[object]`, the instant before which every change has been read. A finished
 * object's bookmark is the run's upper bound; an object under way has the SystemModstamp of the last record read,
 * which is also its next step (`SystemModstamp >= bookmark`). Records sharing that stamp are read again: harmless,
 * the engine diffs by content hash. `paused` says why a read stopped before its upper bound (the API quota).
 */
interface Cursor {
  bookmarks?: Partial<Record<SalesforceObject, string>>;
  paused?: string;
}

const apis = new WeakMap<HttpClient, { key: string; api: SalesforceApi }>();

/** One SalesforceApi (token, API usage) per HttpClient: the engine makes a client per run, so a token per run. */
function apiFor(ctx: Ctx): SalesforceApi {
  const key = JSON.stringify([ctx.config.loginUrl, ctx.config.apiVersion, ctx.secret.clientId, ctx.secret.username]);
  let entry = apis.get(ctx.http);
  if (entry?.key !== key) {
    entry = { key, api: new SalesforceApi(ctx.http, ctx.config.loginUrl, ctx.config.apiVersion, ctx.secret) };
    apis.set(ctx.http, entry);
  }
  return entry.api;
}

function changesSoql(object: SalesforceObject, from: string | undefined, until: string): string {
  const where = [...(from ? [`SystemModstamp >= ${from}`] : []), `SystemModstamp < ${until}`].join(" AND ");
  return `SELECT ${FIELDS[object].join(", ")} FROM ${object} WHERE ${where} ORDER BY SystemModstamp ASC, Id ASC`;
}

/**
 * Records deleted (to the recycle bin) within [start, end), by getDeleted. Salesforce works to the minute, keeps the
 * log 15 days at most and reports `latestDateCovered`, where the next window should start; ids come back once.
 */
export async function deletedSince(ctx: Ctx, object: SalesforceObject, start: Date, end: Date): Promise<{ id: string; deletedDate: string }[]> {
  const api = apiFor(ctx);
  const param = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "+00:00");
  const res = await api.get<{ deletedRecords: { id: string; deletedDate: string }[] }>(
    `/services/data/v${api.version}/sobjects/${object}/deleted/`,
    { start: param(start), end: param(end) },
  );
  return res.deletedRecords.map((r) => ({ id: r.id, deletedDate: iso(r.deletedDate)! }));
}

/**
 * Salesforce Accounts and Contacts, incremental by SystemModstamp, deletions by listing ids. jsforce, the usual
 * client, is not used: it brings its own HTTP transport, and every call here must go through Conflux's HttpClient
 * (rate limit, retries, API-call count), which the few REST calls below need no library for.
 *
 * A read is bounded above by `runStart`, Salesforce's clock at its start minus `visibilityMarginSeconds`: a change
 * becomes visible when its transaction commits, stamped with a SystemModstamp a little in the past, so a bookmark
 * set to the newest stamp seen could pass over a change still committing. Bounding every read by its start, and
 * starting the next one there, reads such changes next time; changes made during a read are likewise left to the
 * next one.
 */
export const salesforcePlugin: ConnectorPlugin<Config, Secret> = {
  kind: "salesforce",
  displayName: "Salesforce",
  description: "Accounts and Contacts of a Salesforce org (REST API, OAuth 2.0 username-password flow).",
  configSchema: config,
  secretSchema: secret,

  async test(ctx) {
    const api = apiFor(ctx);
    const limits = await api.get<{ DailyApiRequests?: { Max: number; Remaining: number } }>(`/services/data/v${api.version}/limits`);
    const daily = limits.DailyApiRequests;
    const left = daily ? `: ${daily.Remaining} of ${daily.Max} daily API requests left` : "";
    return { ok: true, message: `signed in to Salesforce as ${ctx.secret.username}${left}` };
  },

  async *read(ctx, saved): AsyncGenerator<SourcePage> {
    const api = apiFor(ctx);
    const bookmarks = { ...((saved as Cursor | null)?.bookmarks ?? {}) };
    const runStart = new Date((await api.serverNow()) - ctx.config.visibilityMarginSeconds * 1000).toISOString();
    const objects = ctx.config.objects;
    for (const [index, object] of objects.entries()) {
      const from = bookmarks[object];
      if (from && Date.parse(from) >= Date.parse(runStart)) continue;
      for await (const page of api.query<Row>(changesSoql(object, from, runStart))) {
        const last = page.records.at(-1);
        if (page.done) bookmarks[object] = runStart;
        else if (last) bookmarks[object] = iso(last.SystemModstamp)!;
        const usage = api.usage;
        const more = !page.done || index < objects.length - 1;
        const paused =
          more && usage && usage.used >= usage.limit * ctx.config.stopAtApiUsage
            ? `API usage ${usage.used}/${usage.limit} reached ${ctx.config.stopAtApiUsage * 100}% of the daily allowance`
            : undefined;
        const cursor: Cursor = { bookmarks: { ...bookmarks }, ...(paused ? { paused } : {}) };
        // A deleted record cannot match `query` (only queryAll sees the recycle bin); the filter is a guard.
        yield {
          records: page.records.filter((r) => !r.IsDeleted).map((r) => toRecord(object, r)),
          cursor: cursor as Record<string, unknown>,
          ...(paused ? { incomplete: true } : {}),
        };
        if (paused) return;
      }
    }
  },

  async *listIds(ctx) {
    const api = apiFor(ctx);
    for (const object of ctx.config.objects) {
      for await (const page of api.query<{ Id: string }>(`SELECT Id FROM ${object}`)) yield page.records.map((r) => r.Id);
    }
  },

  async count(ctx) {
    const api = apiFor(ctx);
    const byFacet: Record<string, number> = {};
    for (const object of ctx.config.objects) {
      byFacet[object] = (await api.get<{ totalSize: number }>(`/services/data/v${api.version}/query`, { q: `SELECT COUNT() FROM ${object}` })).totalSize;
    }
    return { total: Object.values(byFacet).reduce((a, b) => a + b, 0), byFacet };
  },
};
