import { z } from "zod";
import type { ConnectorPlugin, EnrichmentAnswer, EnrichmentInput } from "../../contract";
import { ENRICHMENT_FIELDS, personOf } from "../contact";
import { limitsOf, providerLimitsSchema, VENDOR_CACHE_TTL_SECONDS } from "../limits";

/** A dot path ("data.work_email", "responses") into a parsed JSON answer. */
const path = z.string().regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, "a dot path such as data.work_email");

const config = z.object({
  url: z.string().url(),
  /** Request headers; the text {{apiKey}} in a value becomes the secret's key. */
  headers: z.record(z.string(), z.string()).default({}),
  /** The request body: a JSON template in which the string "{{records}}" becomes the array of contacts. */
  body: z.unknown().default({ records: "{{records}}" }),
  /** One contact: string values "{{first_name}}", "{{ref}}", … become the contact's values; absent ones are left out. */
  record: z.record(z.string(), z.unknown()).default({
    ref: "{{ref}}",
    first_name: "{{first_name}}",
    last_name: "{{last_name}}",
    company_domain: "{{company_domain}}",
    company_name: "{{company_name}}",
    email: "{{email}}",
  }),
  response: z.object({
    /** Where the array of answers is. */
    items: path.default("results"),
    /** Where an answer says which contact it is about ("{{ref}}" of the request); without it, answers are in request order. */
    ref: path.optional(),
    /** An answer is a hit only when this path holds this value (e.g. status = 200); otherwise any answer is. */
    found: z.object({ path, equals: z.union([z.string(), z.number(), z.boolean()]) }).optional(),
    /** Conflux field → path of its value in an answer. */
    fields: z.partialRecord(z.enum(ENRICHMENT_FIELDS), path),
  }),
  /** Contacts lacking any of these are not sent. */
  requires: z.array(z.string()).default(["first_name", "last_name"]),
  /** …nor those lacking all of these. */
  requiresOneOf: z.array(z.string()).default(["company_domain", "company_name"]),
  ...providerLimitsSchema({ batchSize: 100, ratePerSecond: 10, concurrency: 4, costPerRecord: 0, cacheTtlSeconds: VENDOR_CACHE_TTL_SECONDS }),
});
const secret = z.object({ apiKey: z.string().default("") }).default({ apiKey: "" });

export type HttpEnrichmentConfig = z.infer<typeof config>;

/** The person as Conflux reads a contact (a domain from a work email, a full name put together, …). */
function derivedOf(input: EnrichmentInput, ref: number): Record<string, string> {
  const p = personOf(input);
  return {
    ref: String(ref),
    first_name: p.firstName,
    last_name: p.lastName,
    full_name: [p.firstName, p.lastName].filter(Boolean).join(" "),
    company_domain: p.domain,
    company_name: p.companyName,
    email: p.email,
    linkedin_url: p.linkedinUrl,
  };
}

/** A contact's template values: the derived ones when not empty, else its own fields. */
function valuesOf(input: EnrichmentInput, ref: number): (name: string) => unknown {
  const derived = derivedOf(input, ref);
  return (name) => derived[name] || input[name];
}

/** Fills a JSON template: a string that is exactly "{{name}}" takes the value (kept out when absent). */
function fill(template: unknown, value: (name: string) => unknown): unknown {
  if (typeof template === "string") {
    const whole = /^\{\{(\w+)\}\}$/.exec(template);
    if (whole) return value(whole[1]);
    return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(value(name) ?? ""));
  }
  if (Array.isArray(template)) return template.map((t) => fill(t, value));
  if (template && typeof template === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) {
      const filled = fill(v, value);
      if (filled !== undefined && filled !== "") out[k] = filled;
    }
    return out;
  }
  return template;
}

function at(value: unknown, dotted: string): unknown {
  let current = value;
  for (const part of dotted.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function answerOf(item: unknown, c: HttpEnrichmentConfig): EnrichmentAnswer {
  if (!item || (c.response.found && at(item, c.response.found.path) !== c.response.found.equals)) return { found: false, values: {} };
  const values: Record<string, string> = {};
  for (const [field, p] of Object.entries(c.response.fields)) {
    const v = at(item, p!);
    if (v !== undefined && v !== null && v !== "") values[field] = String(v);
  }
  return { found: Object.keys(values).length > 0, values };
}

/**
 * Any batch enrichment API, described by config instead of code: a request template, where the answers are and
 * which of their fields are which Conflux field. Adding a vendor of this common shape is registering a connection.
 */
export const httpEnrichmentPlugin: ConnectorPlugin<HttpEnrichmentConfig, z.infer<typeof secret>> = {
  kind: "http-enrichment",
  displayName: "HTTP enrichment API",
  description: "A configurable batch enrichment vendor: request template, response mapping, limits and cost.",
  configSchema: config,
  secretSchema: secret,

  async test(ctx) {
    const res = await ctx.http.json({ method: "POST", url: ctx.config.url, headers: headersOf(ctx.config, ctx.secret.apiKey), body: fill(ctx.config.body, (name) => (name === "records" ? [] : undefined)) });
    return { ok: true, message: `${ctx.config.url} answered ${res.status} to an empty batch` };
  },

  enrichment: {
    fields: (c) => Object.keys(c.response.fields),
    limits: (c) => limitsOf(c),
    accepts: (c, input) => isSendable(c, valuesOf(input, 0)),
    async enrich(ctx, inputs) {
      const c = ctx.config;
      const wanted = inputs.map((input, ref) => ({ ref, values: valuesOf(input, ref) }));
      const sendable = wanted.filter(({ values }) => isSendable(c, values));
      const answers: EnrichmentAnswer[] = inputs.map(() => ({ found: false, values: {} }));
      if (!sendable.length) return answers;
      const records = sendable.map(({ values }) => fill(c.record, values));
      const res = await ctx.http.json({ method: "POST", url: c.url, headers: headersOf(c, ctx.secret.apiKey), body: fill(c.body, (name) => (name === "records" ? records : undefined)) });
      const items = at(res.body, c.response.items);
      if (!Array.isArray(items)) throw new Error(`${c.url} answered without an array at ${c.response.items}`);
      items.forEach((item, i) => {
        const ref = c.response.ref ? Number(at(item, c.response.ref)) : sendable[i]?.ref;
        if (ref !== undefined && Number.isInteger(ref) && ref >= 0 && ref < answers.length) answers[ref] = answerOf(item, c);
      });
      return answers;
    },
  },
};

function isSendable(c: HttpEnrichmentConfig, value: (key: string) => unknown): boolean {
  return c.requires.every((k) => value(k)) && (!c.requiresOneOf.length || c.requiresOneOf.some((k) => value(k)));
}

function headersOf(c: HttpEnrichmentConfig, apiKey: string): Record<string, string> {
  return Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, v.replaceAll("{{apiKey}}", apiKey)]));
}
