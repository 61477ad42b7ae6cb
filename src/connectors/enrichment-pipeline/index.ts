import { z } from "zod";
import type { ConnectorPlugin } from "../contract";
import { ENRICHMENT_FIELDS } from "../enrichment/contact";
import { MAX_CONTACTS_PER_REQUEST } from "../enrichment/limits";

const source = z.discriminatedUnion("kind", [
  /** The account's own customers lacking an attribute (by default the first field asked for). */
  z.object({
    kind: z.literal("customers-missing"),
    attribute: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(MAX_CONTACTS_PER_REQUEST).default(1000),
  }),
  /** Contacts listed by an HTTP endpoint: a JSON array, or an object holding one at `recordsPath`. */
  z.object({ kind: z.literal("records-url"), url: z.string().url(), recordsPath: z.string().optional() }),
]);

const config = z.object({
  source,
  fields: z.array(z.enum(ENRICHMENT_FIELDS)).min(1),
  /** Enriched fields become attributes of the customers the contacts name (customer_id). */
  writeBack: z.boolean().default(true),
  /** How long a run waits for its transaction to complete before it fails (and the queue retries it). */
  waitSeconds: z.number().int().min(1).max(3600).default(600),
});
const secret = z.object({ headers: z.record(z.string(), z.string()).default({}) }).default({ headers: {} });

export type PipelineConfig = z.infer<typeof config>;

/**
 * A pull-oriented enrichment pipeline: on its schedule, a run takes contacts from its source, enriches them as a
 * transaction of its own (erid `pipeline-<run id>`) and sends the results to its destination: customers (write
 * back) and/or the connection's record-api destination. The run itself is EnrichmentPipelines' (it needs the
 * account's customers); this plugin holds the config and reads the one external source, a records URL.
 */
export const enrichmentPipelinePlugin: ConnectorPlugin<PipelineConfig, z.infer<typeof secret>> = {
  kind: "enrichment-pipeline",
  displayName: "Enrichment pipeline",
  description: "Enriches customers missing a field, or contacts from a URL, on a schedule; writes results back or to a destination.",
  configSchema: config,
  secretSchema: secret,

  async test(ctx) {
    if (ctx.config.source.kind !== "records-url") return { ok: true, message: "reads the account's own customers" };
    const res = await ctx.http.json({ url: ctx.config.source.url, headers: ctx.secret.headers });
    return { ok: true, message: `${ctx.config.source.url} answered ${res.status}` };
  },

  /** The records URL's contacts, as one page; the customers source is Conflux's own and has nothing to read. */
  async *read(ctx) {
    const src = ctx.config.source;
    if (src.kind !== "records-url") return;
    const res = await ctx.http.json<unknown>({ url: src.url, headers: ctx.secret.headers });
    let list: unknown = res.body;
    for (const part of src.recordsPath?.split(".") ?? []) list = (list as Record<string, unknown> | null)?.[part];
    if (!Array.isArray(list)) throw new Error(`${src.url} answered without an array${src.recordsPath ? ` at ${src.recordsPath}` : ""}`);
    const records = list.filter((r): r is Record<string, unknown> => !!r && typeof r === "object" && !Array.isArray(r));
    yield { records: records.map((data, i) => ({ id: String(data.record_id ?? data.id ?? i), data })), cursor: {} };
  },
};
