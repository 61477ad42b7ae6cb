import type { SourceRecord } from "../contract";
import type { Member } from "./api";

/**
 * A member as the contact record Conflux keeps: `{id, firstname, lastname, email}` plus its status (the drift
 * check counts by it). `last_changed` travels beside the data, not in it, so a change Conflux does not map
 * leaves the record's hash, and the destination, untouched.
 */
export function toContact(member: Member): SourceRecord {
  return {
    id: member.id,
    data: {
      email: member.email_address ?? "",
      firstname: member.merge_fields?.FNAME ?? "",
      lastname: member.merge_fields?.LNAME ?? "",
      status: member.status ?? "",
    },
    changedAt: member.last_changed,
    facet: member.status,
  };
}

/** Mailchimp's `last_changed` has second precision: `2026-01-05T10:00:00+00:00`. */
export function toMailchimpTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}
