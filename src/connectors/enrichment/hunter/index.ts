import { z } from "zod";
import type { ConnectorContext, ConnectorPlugin, EnrichmentAnswer, EnrichmentInput } from "../../contract";
import { HttpError } from "../../http-client";
import { personOf } from "../contact";
import { limitsOf, providerLimitsSchema, VENDOR_CACHE_TTL_SECONDS } from "../limits";

const config = z.object({
  baseUrl: z.string().url().default("https://api.hunter.io"),
  // Hunter's Email Finder takes one person per request and allows 15 requests a second (500 a minute).
  ...providerLimitsSchema({ batchSize: 1, ratePerSecond: 15, concurrency: 5, costPerRecord: 0.049, cacheTtlSeconds: VENDOR_CACHE_TTL_SECONDS }),
});
const secret = z.object({ apiKey: z.string().min(1) });

type HunterConfig = z.infer<typeof config>;
type Ctx = ConnectorContext<HunterConfig, z.infer<typeof secret>>;

interface FinderData {
  email?: string | null;
  position?: string | null;
  phone_number?: string | null;
  linkedin_url?: string | null;
}

const endpoint = (ctx: Ctx, path: string) => `${ctx.config.baseUrl.replace(/\/+$/, "")}/v2/${path}`;

/** Hunter needs a name and a company (its domain, or its name). */
function accepts(input: EnrichmentInput): boolean {
  const p = personOf(input);
  return !!p.firstName && !!p.lastName && !!(p.domain || p.companyName);
}

async function find(ctx: Ctx, input: EnrichmentInput): Promise<EnrichmentAnswer> {
  if (!accepts(input)) return { found: false, values: {} };
  const p = personOf(input);
  try {
    const res = await ctx.http.json<{ data?: FinderData }>({
      url: endpoint(ctx, "email-finder"),
      headers: { "x-api-key": ctx.secret.apiKey },
      query: { domain: p.domain || undefined, company: p.domain ? undefined : p.companyName, first_name: p.firstName, last_name: p.lastName },
    });
    const d = res.body?.data ?? {};
    const values: Record<string, string> = {};
    if (d.email) values.professional_email = d.email;
    if (d.phone_number) values.phone_number = d.phone_number;
    if (d.position) values.job_title = d.position;
    if (d.linkedin_url) values.linkedin_url = d.linkedin_url;
    return { found: Object.keys(values).length > 0, values };
  } catch (error) {
    // "No email found" is an answer, not a failure (Hunter usually says it with a null email and a 200).
    if (error instanceof HttpError && error.status === 404) return { found: false, values: {} };
    // Hunter answers its rate limit with 403 (429 means the plan is used up): retry it later like any 429.
    if (error instanceof HttpError && error.status === 403) throw new HttpError(429, error.body, error.url);
    throw error;
  }
}

/** Hunter.io's Email Finder (API v2): a professional email, and sometimes a phone and position, per person. */
export const hunterPlugin: ConnectorPlugin<HunterConfig, z.infer<typeof secret>> = {
  kind: "hunter",
  displayName: "Hunter",
  description: "Hunter.io Email Finder: professional email, phone and position from a name and a company domain.",
  configSchema: config,
  secretSchema: secret,

  async test(ctx) {
    const res = await ctx.http.json<{ data?: { email?: string; requests?: { searches?: { used?: number; available?: number } } } }>({
      url: endpoint(ctx, "account"),
      headers: { "x-api-key": ctx.secret.apiKey },
    });
    const searches = res.body?.data?.requests?.searches;
    return { ok: true, message: `Hunter account ${res.body?.data?.email ?? ""}: ${searches?.used ?? "?"} of ${searches?.available ?? "?"} searches used` };
  },

  enrichment: {
    fields: () => ["professional_email", "phone_number", "job_title", "linkedin_url"],
    limits: (c) => limitsOf(c),
    accepts: (_c, input) => accepts(input),
    enrich: (ctx, inputs) => Promise.all(inputs.map((input) => find(ctx, input))),
  },
};
