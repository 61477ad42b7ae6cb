import { z } from "zod";
import type { ConnectorPlugin, ConnectorContext } from "../contract";

const config = z.object({
  endpoint: z.string().url(),
  batchSize: z.number().int().min(1).max(1000).default(500),
});
const secret = z.object({ key: z.string().min(1) });

type Config = z.infer<typeof config>;
type Secret = z.infer<typeof secret>;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// The API spells its header the British way.
const headers = (ctx: ConnectorContext<Config, Secret>) => ({ Authorisation: ctx.secret.key });

/**
 * A destination that takes records as a JSON array on `POST {endpoint}`, idempotent by record id (last write
 * wins); removals go as `DELETE {endpoint}` with `{"ids": [...]}`.
 */
export const recordApiPlugin: ConnectorPlugin<Config, Secret> = {
  kind: "record-api",
  displayName: "Record API",
  description: "Sends records as JSON arrays to an HTTP endpoint, in batches, idempotently by id.",
  configSchema: config,
  secretSchema: secret,

  async test(ctx) {
    // An empty batch is a no-op that still proves the endpoint and the key.
    await ctx.http.json({ method: "POST", url: ctx.config.endpoint, headers: headers(ctx), body: [] });
    return { ok: true, message: `${ctx.config.endpoint} accepts records` };
  },

  async write(ctx, records) {
    for (const batch of chunks(records, ctx.config.batchSize)) {
      const body = batch.map((r) => ({ ...r.data, id: r.id }));
      await ctx.http.json({ method: "POST", url: ctx.config.endpoint, headers: headers(ctx), body });
    }
  },

  async remove(ctx, ids) {
    for (const batch of chunks(ids, ctx.config.batchSize)) {
      await ctx.http.json({ method: "DELETE", url: ctx.config.endpoint, headers: headers(ctx), body: { ids: batch } });
    }
  },
};
