import { z } from "zod";
import type { ConnectorPlugin, EnrichmentAnswer, EnrichmentInput } from "../../contract";
import { personOf } from "../contact";
import { limitsOf, providerLimitsSchema } from "../limits";
import { applyFormat, inferFormat } from "./email-pattern";

const config = z.object({
  /** People at a domain whose addresses must agree on a format before it is applied. */
  minSamples: z.number().int().min(1).default(2),
  /** Share of those people that must follow the winning format. */
  minShare: z.number().min(0).max(1).default(0.6),
  // No vendor: large batches, no rate to respect, nothing to pay, and nothing to cache (customers change).
  ...providerLimitsSchema({ batchSize: 1000, ratePerSecond: 1000, concurrency: 4, costPerRecord: 0, cacheTtlSeconds: 0 }),
});
const secret = z.object({}).default({});

type PatternConfig = z.infer<typeof config>;

const accepts = (input: EnrichmentInput) => {
  const p = personOf(input);
  return !!p.firstName && !!p.lastName && !!p.domain;
};

/**
 * Professional emails with no vendor at all: the format a company uses (first.last@, flast@, …) is learnt from the
 * account's own customers at that domain and applied to the contact's name.
 */
export const patternPlugin: ConnectorPlugin<PatternConfig, unknown> = {
  kind: "pattern",
  displayName: "Email pattern",
  description: "Infers a company's email format from the account's known customers at its domain and applies it.",
  configSchema: config,
  secretSchema: secret,

  async test() {
    return { ok: true, message: "the pattern provider calls no external API" };
  },

  enrichment: {
    fields: () => ["professional_email"],
    limits: (c) => limitsOf(c),
    accepts: (_c, input) => accepts(input),
    async enrich(ctx, inputs) {
      const people = inputs.map((input) => (accepts(input) ? personOf(input) : null));
      const domains = [...new Set(people.filter((p) => p !== null).map((p) => p!.domain))];
      const known = await ctx.knownPeople(domains);
      const formats = new Map(domains.map((d) => [d, inferFormat(known.get(d) ?? [], d, { minSamples: ctx.config.minSamples, minShare: ctx.config.minShare })]));
      return people.map((p): EnrichmentAnswer => {
        const inferred = p && formats.get(p.domain);
        const email = inferred ? applyFormat(inferred.format, p!.firstName, p!.lastName, p!.domain) : null;
        return email ? { found: true, values: { professional_email: email } } : { found: false, values: {} };
      });
    },
  },
};
