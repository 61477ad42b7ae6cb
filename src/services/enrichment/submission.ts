import crypto from "node:crypto";
import { z } from "zod";
import { ENRICHMENT_FIELDS } from "../../connectors/enrichment/contact";
import { MAX_CONTACTS_PER_REQUEST } from "../../connectors/enrichment/limits";
import { ValidationError } from "../../errors";

const contact = z
  .record(z.string(), z.unknown())
  .refine((c) => Object.values(c).some((v) => typeof v === "string" && v.trim() !== ""), "a contact needs at least one non-empty text field");

const submission = z.object({
  erid: z.string().trim().min(1).max(200),
  contacts: z.array(contact).min(1).max(MAX_CONTACTS_PER_REQUEST),
  fields: z
    .array(z.enum(ENRICHMENT_FIELDS))
    .min(1)
    .refine((f) => new Set(f).size === f.length, "fields must not repeat"),
  numberOfRecords: z.number().int().min(1).max(10_000_000),
  writeBack: z.boolean().default(false),
});

export type Submission = z.infer<typeof submission>;

/** Validates a request, whichever API it came through; the first problem is reported with its path. */
export function parseSubmission(input: unknown, names: Record<string, string> = {}): Submission {
  const parsed = submission.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [head, ...rest] = issue.path.map(String);
    const field = [names[head] ?? head, ...rest].join(".");
    throw new ValidationError(`${field}: ${issue.message}`, { field });
  }
  return { ...parsed.data, fields: [...parsed.data.fields].sort() };
}

/**
 * The stable key of each contact of a request. A contact with a `record_id` is keyed by it; the others by the
 * request's content and their position in it, so a request re-sent after a timeout (the same contacts in the same
 * order) adds nothing, while two different requests that happen to share a contact both count.
 */
export function recordKeys(contacts: Record<string, unknown>[]): string[] {
  const request = crypto.createHash("sha256").update(JSON.stringify(contacts)).digest("base64url").slice(0, 22);
  return contacts.map((c, i) => {
    const id = c.record_id;
    return (typeof id === "string" && id) || typeof id === "number" ? `id:${id}` : `${request}:${i}`;
  });
}
