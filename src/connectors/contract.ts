import { z } from "zod";
import type { HttpClient } from "./http-client";

/** A record as a source yields it: a stable external id and plain data. */
export interface SourceRecord {
  id: string;
  data: Record<string, unknown>;
  /** When the source last changed it, if the source says. */
  changedAt?: string;
  /** The bucket the source counts it in (a member's status), so held and source totals can be compared. */
  facet?: string;
  /**
   * What it becomes in Conflux: a customer (the default) or a company (a CRM account: `data` holds name, website,
   * employees, industry, country, region). A customer whose `data.account_id` names a company record of the same
   * connection is linked to that company.
   */
  kind?: "customer" | "company";
}

export interface SourceCount {
  total: number;
  byFacet?: Record<string, number>;
}

/** One page of a read, with the cursor that resumes right after it. */
export interface SourcePage {
  records: SourceRecord[];
  cursor: Record<string, unknown>;
  /** The source stopped before the end (an API quota): the next run resumes, and no deletion is inferred now. */
  incomplete?: boolean;
}

export interface ConnectorContext<C, S> {
  config: C;
  secret: S;
  http: HttpClient;
  signal?: AbortSignal;
}

export interface TestResult {
  ok: boolean;
  message: string;
}

/**
 * The plugin contract. A plugin is a folder under src/connectors/ exporting one object of this shape; it talks
 * to the outside world through `ctx.http` and never touches the database.
 */
export interface ConnectorPlugin<C = unknown, S = unknown> {
  kind: string;
  displayName: string;
  description: string;
  configSchema: z.ZodType<C>;
  secretSchema: z.ZodType<S>;
  test(ctx: ConnectorContext<C, S>): Promise<TestResult>;
  /** Pages of records changed since `cursor` (null: from the beginning). */
  read?(ctx: ConnectorContext<C, S>, cursor: Record<string, unknown> | null): AsyncIterable<SourcePage>;
  /** Every id that still exists at the source, for deletion detection. */
  listIds?(ctx: ConnectorContext<C, S>): AsyncIterable<string[]>;
  /**
   * How many records the source lists, for the drift check after every run: `total` from one cheap call;
   * with `detail`, also per facet (e.g. per member status, more calls), asked only to explain a mismatch.
   */
  count?(ctx: ConnectorContext<C, S>, detail: boolean): Promise<SourceCount>;
  /** Sends records to a destination, idempotently by id. */
  write?(ctx: ConnectorContext<C, S>, records: SourceRecord[]): Promise<void>;
  /** Removes records from a destination by id; unknown ids are not an error. */
  remove?(ctx: ConnectorContext<C, S>, ids: string[]): Promise<void>;
  /**
   * Requests whose key is equal share one limit of simultaneous requests, across connections of this process
   * (Mailchimp allows 10 simultaneous connections per API key, whatever list they read).
   */
  concurrency?: { key(config: C, secret: S): string; max: number };
  /** Present on enrichment providers (src/connectors/enrichment/<provider>/). */
  enrichment?: EnrichmentCapability<C, S>;
}

/** A submitted contact: snake_case fields (first_name, last_name, company_name, company_domain, email, …). */
export type EnrichmentInput = Record<string, unknown>;

/** What a provider knows of one contact, in Conflux field names; `found: false` when it knows nothing. */
export interface EnrichmentAnswer {
  found: boolean;
  values: Record<string, string>;
}

/** A person an account already holds, as the pattern provider learns from them. */
export interface KnownPerson {
  firstName: string;
  lastName: string;
  email: string;
}

export interface EnrichmentContext<C, S> extends ConnectorContext<C, S> {
  /** People the account already knows at these domains (lowercased); the service answers, the plugin stays pure. */
  knownPeople(domains: string[]): Promise<Map<string, KnownPerson[]>>;
}

/** How a provider may be called; every provider's config carries these (see enrichment/limits.ts). */
export interface ProviderLimits {
  /** Contacts per call. */
  batchSize: number;
  /** Calls per second, per worker process. */
  ratePerSecond: number;
  /** Calls in flight at once, per worker process. */
  concurrency: number;
  /** What one contact sent costs, for reports. */
  costPerRecord: number;
  /** How long an answer is reused for the same contact; 0 never caches (free providers). */
  cacheTtlSeconds: number;
}

export interface EnrichmentCapability<C, S> {
  /** The Conflux fields this provider can fill with this config. */
  fields(config: C): string[];
  limits(config: C): ProviderLimits;
  /** Whether a contact carries what the provider needs; others are never sent (and never paid for). */
  accepts(config: C, input: EnrichmentInput): boolean;
  /** One answer per input, in order, for at most `limits.batchSize` inputs. Provides every field it has. */
  enrich(ctx: EnrichmentContext<C, S>, inputs: EnrichmentInput[]): Promise<EnrichmentAnswer[]>;
}

export type Capability = "read" | "listIds" | "count" | "write" | "remove" | "enrich";

export function capabilitiesOf(plugin: ConnectorPlugin): Capability[] {
  const calls = (["read", "listIds", "count", "write", "remove"] as const).filter((c) => typeof plugin[c] === "function");
  return plugin.enrichment ? [...calls, "enrich"] : calls;
}
