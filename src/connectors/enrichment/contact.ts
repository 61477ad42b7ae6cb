import crypto from "node:crypto";
import type { EnrichmentInput } from "../contract";

/** The fields a transaction may ask for; providers fill them under these names whatever their API calls them. */
export const ENRICHMENT_FIELDS = ["professional_email", "personal_email", "phone_number", "job_title", "linkedin_url"] as const;
export type EnrichmentField = (typeof ENRICHMENT_FIELDS)[number];

/** What identifies a person to a vendor, trimmed; absent parts are empty strings. */
export interface Person {
  firstName: string;
  lastName: string;
  /** company_domain, else the domain of a work email, lowercased. */
  domain: string;
  companyName: string;
  email: string;
  linkedinUrl: string;
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

export function personOf(input: EnrichmentInput): Person {
  let firstName = text(input.first_name);
  let lastName = text(input.last_name);
  const fullName = text(input.full_name);
  if (fullName && !firstName && !lastName) {
    const parts = fullName.split(/\s+/);
    firstName = parts[0];
    lastName = parts.slice(1).join(" ");
  }
  const email = text(input.email).toLowerCase();
  const domain = (text(input.company_domain) || email.split("@")[1] || "").toLowerCase().replace(/^www\./, "");
  return { firstName, lastName, domain, companyName: text(input.company_name), email, linkedinUrl: text(input.linkedin_url) };
}

/**
 * The cache key of a contact: a hash of who it is, not of how it was written (case and spacing do not matter,
 * extra fields such as a customer id do not either), so the same person sent twice is asked for once.
 */
export function inputKey(input: EnrichmentInput): string {
  const p = personOf(input);
  const identity = [p.firstName, p.lastName, p.domain, p.companyName, p.email, p.linkedinUrl].map((v) => v.toLowerCase()).join("\u0000");
  return crypto.createHash("sha1").update(identity).digest("base64url");
}
