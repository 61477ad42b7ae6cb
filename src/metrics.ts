import client from "prom-client";

/** Prometheus metrics with stable names; one registry for the process. */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: "conflux_" });

export const httpRequestsTotal = new client.Counter({
  name: "conflux_http_requests_total",
  help: "HTTP requests by route and status",
  labelNames: ["route", "status"] as const,
  registers: [registry],
});

export const graphqlOperationsTotal = new client.Counter({
  name: "conflux_graphql_operations_total",
  help: "GraphQL operations by type and outcome",
  labelNames: ["type", "outcome"] as const,
  registers: [registry],
});

export const syncRunsTotal = new client.Counter({
  name: "conflux_sync_runs_total",
  help: "Finished sync runs by connector kind and status",
  labelNames: ["kind", "status"] as const,
  registers: [registry],
});

export const syncRunDuration = new client.Histogram({
  name: "conflux_sync_run_duration_seconds",
  help: "Duration of successful sync runs",
  labelNames: ["kind"] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
  registers: [registry],
});

export const scheduledSyncsTotal = new client.Counter({
  name: "conflux_scheduled_syncs_total",
  help: "Sync runs queued by the scheduler",
  registers: [registry],
});

export const activityLinesTotal = new client.Counter({
  name: "conflux_activity_lines_total",
  help: "Activity lines ingested, by outcome (applied, duplicate, invalid)",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

export const alertEventsTotal = new client.Counter({
  name: "conflux_alert_events_total",
  help: "Alerts opened and resolved",
  labelNames: ["kind", "event"],
  registers: [registry],
});

export const influencerReadingsTotal = new client.Counter({
  name: "conflux_influencer_readings_total",
  help: "Influencer readings written (one per influencer and slot)",
  registers: [registry],
});

export const influencerPollLagSeconds = new client.Gauge({
  name: "conflux_influencer_poll_lag_seconds",
  help: "How long the oldest due influencer has waited past its slot",
  registers: [registry],
});

export const enrichmentRecordsTotal = new client.Counter({
  name: "conflux_enrichment_records_total",
  help: "Enrichment records received, and finished by outcome (enriched, not_found, failed)",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

export const enrichmentProviderCalls = new client.Counter({
  name: "conflux_enrichment_provider_calls_total",
  help: "Calls to enrichment providers by kind and outcome (ok, error)",
  labelNames: ["kind", "outcome"] as const,
  registers: [registry],
});

export const enrichmentProviderLatency = new client.Histogram({
  name: "conflux_enrichment_provider_latency_seconds",
  help: "Duration of one provider call (a batch), including waits for its rate limit",
  labelNames: ["kind"] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

let enrichmentQueueSize: (() => Promise<number>) | undefined;

/** The process serving /metrics says how to count the enrichment queue (it owns the queue). */
export function countEnrichmentQueueWith(size: () => Promise<number>): void {
  enrichmentQueueSize = size;
}

export const enrichmentQueueDepth = new client.Gauge({
  name: "conflux_enrichment_queue_depth",
  help: "Enrichment batches queued and not finished",
  registers: [registry],
  async collect() {
    if (enrichmentQueueSize) this.set(await enrichmentQueueSize().catch(() => 0));
  },
});
