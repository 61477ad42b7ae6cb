import { z } from "zod";
import { ConnectorPlugin } from "../contract";

const config = z.object({
  url: z.string().url(),
  /** Field holding each record's id. */
  idField: z.string().min(1).default("id"),
});
const secret = z.object({ bearerToken: z.string().min(1).optional() }).default({});

type Config = z.infer<typeof config>;
type Secret = z.infer<typeof secret>;

function headers(s: Secret): Record<string, string> {
  return s.bearerToken ? { authorization: `Bearer ${s.bearerToken}` } : {};
}

/** Reads a JSON array of objects from one URL: the smallest useful source, one page per run. */
export const httpJsonPlugin: ConnectorPlugin<Config, Secret> = {
  kind: "http-json",
  displayName: "HTTP JSON array",
  description: "Fetches a JSON array of objects from a URL; each object needs an id field.",
  configSchema: config,
  secretSchema: secret,

  async test(ctx) {
    const res = await ctx.http.json<unknown>({ url: ctx.config.url, headers: headers(ctx.secret) });
    return Array.isArray(res.body)
      ? { ok: true, message: `${res.body.length} records available` }
      : { ok: false, message: "the URL did not answer a JSON array" };
  },

  async *read(ctx) {
    const res = await ctx.http.json<unknown>({ url: ctx.config.url, headers: headers(ctx.secret) });
    if (!Array.isArray(res.body)) throw new Error(`${ctx.config.url} did not answer a JSON array`);
    const records = res.body.map((item, index) => {
      if (!item || typeof item !== "object") throw new Error(`item ${index} is not an object`);
      const data = item as Record<string, unknown>;
      const id = data[ctx.config.idField];
      if (id === undefined || id === null) throw new Error(`item ${index} has no ${ctx.config.idField}`);
      return { id: String(id), data };
    });
    yield { records, cursor: { fetchedAt: new Date().toISOString() } };
  },
};
