import type { DataSource } from "typeorm";
import { AccountScope } from "../../db/account-scope";
import { Connection } from "../../entities/connection";
import type { ConnectorRegistry } from "../../connectors/registry";
import type { EnrichmentAnswer, EnrichmentContext, EnrichmentInput, KnownPerson, ProviderLimits } from "../../connectors/contract";
import { HttpClient, HttpClientOptions } from "../../connectors/http-client";
import { Semaphore } from "../../connectors/concurrency";
import type { ConnectionService } from "../connections/connection-service";
import { ValidationError } from "../../errors";
import { enrichmentProviderCalls, enrichmentProviderLatency } from "../../metrics";

/** One provider connection of an account, ready to call: its limits hold for the whole process. */
export interface Provider {
  id: string;
  name: string;
  kind: string;
  fields: ReadonlySet<string>;
  limits: ProviderLimits;
  accepts(input: EnrichmentInput): boolean;
  /** At most `limits.batchSize` inputs; waits for a free slot of the provider's concurrency. */
  enrich(inputs: EnrichmentInput[]): Promise<EnrichmentAnswer[]>;
}

/**
 * Turns an account's waterfall (an ordered list of provider connections) into callable providers. A provider is
 * built once per process and connection version, so its rate limit and concurrency are shared by every job.
 */
export class ProviderDirectory {
  private readonly built = new Map<string, { version: number; provider: Provider }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ConnectorRegistry,
    private readonly connections: ConnectionService,
    private readonly http: HttpClientOptions = {},
  ) {}

  /** The account's waterfall in order; connections deleted since are skipped. */
  async waterfall(scope: AccountScope): Promise<Provider[]> {
    const connections = await this.waterfallConnections(scope);
    return Promise.all(connections.map((c) => this.providerOf(scope, c)));
  }

  async waterfallConnections(scope: AccountScope): Promise<Connection[]> {
    const rows = await scope.query<{ provider_ids: string[] }>(`SELECT provider_ids FROM enrichment_waterfall WHERE account_id = $1`);
    const ids = rows[0]?.provider_ids ?? [];
    if (!ids.length) return [];
    const found = await scope.find(Connection, { where: ids.map((id) => ({ id })) });
    const byId = new Map(found.map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id)).filter((c): c is Connection => !!c);
  }

  /** Replaces the account's waterfall; every connection must be this account's and an enrichment provider. */
  async setWaterfall(scope: AccountScope, providerIds: string[]): Promise<Connection[]> {
    if (new Set(providerIds).size !== providerIds.length) throw new ValidationError("providerIds: must not repeat", { field: "providerIds" });
    const connections: Connection[] = [];
    for (const id of providerIds) {
      const connection = await this.connections.get(scope, id);
      if (!this.registry.get(connection.kind).enrichment) {
        throw new ValidationError(`providerIds: ${connection.name} (${connection.kind}) is not an enrichment provider`, { field: "providerIds" });
      }
      connections.push(connection);
    }
    await scope.query(
      `INSERT INTO enrichment_waterfall (account_id, provider_ids) VALUES ($1, $2::uuid[])
       ON CONFLICT (account_id) DO UPDATE SET provider_ids = excluded.provider_ids, updated_at = now()`,
      [providerIds],
    );
    return connections;
  }

  private async providerOf(scope: AccountScope, connection: Connection): Promise<Provider> {
    const version = connection.updatedAt.getTime();
    const cached = this.built.get(connection.id);
    if (cached && cached.version === version) return cached.provider;
    const plugin = this.registry.get(connection.kind);
    const capability = plugin.enrichment;
    if (!capability) throw new ValidationError(`${connection.name} is not an enrichment provider`);
    const config = plugin.configSchema.parse(connection.config);
    const limits = capability.limits(config);
    const http = new HttpClient({ ...this.http, ratePerSecond: limits.ratePerSecond });
    const base = await this.connections.contextFor(scope, connection, http);
    const ctx: EnrichmentContext<unknown, unknown> = { ...base, knownPeople: (domains) => knownPeople(AccountScope.of(this.dataSource, scope.accountId), domains) };
    const slots = new Semaphore(limits.concurrency);
    const provider: Provider = {
      id: connection.id,
      name: connection.name,
      kind: connection.kind,
      fields: new Set(capability.fields(config)),
      limits,
      accepts: (input) => capability.accepts(config, input),
      async enrich(inputs) {
        const release = await slots.acquire();
        const stop = enrichmentProviderLatency.startTimer({ kind: connection.kind });
        try {
          const answers = await capability.enrich(ctx, inputs);
          enrichmentProviderCalls.inc({ kind: connection.kind, outcome: "ok" });
          return answers;
        } catch (error) {
          enrichmentProviderCalls.inc({ kind: connection.kind, outcome: "error" });
          throw error;
        } finally {
          stop();
          release();
        }
      },
    };
    this.built.set(connection.id, { version, provider });
    return provider;
  }
}

/** The account's customers with an email at these domains, as samples for pattern inference (at most 200 each). */
async function knownPeople(scope: AccountScope, domains: string[]): Promise<Map<string, KnownPerson[]>> {
  const result = new Map<string, KnownPerson[]>(domains.map((d) => [d, []]));
  if (!domains.length) return result;
  const rows = await scope.query<{ domain: string; first: string | null; last: string | null; email: string }>(
    `SELECT domain, first, last, email FROM (
       SELECT lower(split_part(attributes->>'email', '@', 2)) AS domain,
              coalesce(attributes->>'first_name', attributes->>'firstName') AS first,
              coalesce(attributes->>'last_name', attributes->>'lastName') AS last,
              attributes->>'email' AS email,
              row_number() OVER (PARTITION BY lower(split_part(attributes->>'email', '@', 2))) AS n
         FROM customer
        WHERE account_id = $1 AND lower(split_part(attributes->>'email', '@', 2)) = ANY($2::text[])) people
      WHERE n <= 200`,
    [domains],
  );
  for (const r of rows) if (r.first && r.last) result.get(r.domain)?.push({ firstName: r.first, lastName: r.last, email: r.email });
  return result;
}
