import { openActivityFile, readLines } from "./line-reader";

/**
 * The verification files of the customer-activity datasets: one customer per line, no header, no quoting,
 * `id,attr=value,…,event=count,…`, attributes sorted by key then events sorted by name; a customer without
 * events ends with a trailing comma. `created_at` is always an attribute; any other value made of digits only is
 * an event count (the format cannot tell an attribute with such a value from an event; the datasets have none).
 * A field is split at its first `=`: in both datasets no attribute key or event name contains `=` or `,`, and
 * no value contains `,` (a value with `=` would still parse).
 */

/** A customer as a verification file states it (a `CustomerSummary` is one, plus `lastUpdated`). */
export interface VerifiedCustomer {
  id: string;
  attributes: Record<string, string>;
  events: Record<string, number>;
}

export interface VerificationReport {
  /** The first mismatches, human-readable. */
  mismatches: string[];
  /** All mismatches, listed or not. */
  total: number;
  /** Customers with at least one mismatch (missing and extra ones included). */
  customersAffected: number;
}

const EVENT_COUNT = /^\d+$/;

/** Parses one line; throws on a field without `=` or an empty id, naming the line. */
export function parseVerificationLine(text: string, lineNo: number): VerifiedCustomer {
  const fields = text.split(",");
  const id = fields[0];
  if (id === "") throw new Error(`verification line ${lineNo}: empty customer id`);
  const attributes: [string, string][] = [];
  const events: [string, number][] = [];
  for (let i = 1; i < fields.length; i++) {
    const field = fields[i];
    if (field === "" && i === fields.length - 1) break; // the trailing comma of a customer without events
    const eq = field.indexOf("=");
    if (eq === -1) throw new Error(`verification line ${lineNo}: field ${i + 1} has no "=": ${JSON.stringify(field)}`);
    const key = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (key !== "created_at" && EVENT_COUNT.test(value)) events.push([key, Number(value)]);
    else attributes.push([key, value]);
  }
  // Object.fromEntries defines properties, so a key "__proto__" stays an ordinary key.
  return { id, attributes: Object.fromEntries(attributes), events: Object.fromEntries(events) };
}

/** Parses a whole verification file's text; blank lines are skipped. */
export function parseVerificationCsv(text: string): VerifiedCustomer[] {
  const customers: VerifiedCustomer[] = [];
  text.split("\n").forEach((line, index) => {
    const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (trimmed !== "") customers.push(parseVerificationLine(trimmed, index + 1));
  });
  return customers;
}

/** Reads a verification file, gunzipping a `.gz` one. */
export async function loadVerificationFile(path: string): Promise<VerifiedCustomer[]> {
  const customers: VerifiedCustomer[] = [];
  for await (const { text, lineNo } of readLines(openActivityFile(path))) {
    if (text !== "") customers.push(parseVerificationLine(text, lineNo));
  }
  return customers;
}

/**
 * Compares what a verification file expects with what was computed: missing and extra customers, and per
 * customer each attribute and event count that differs (absent on one side included). Lists the first `limit`.
 */
export function compareWithVerification(
  expected: Iterable<VerifiedCustomer>,
  actual: Iterable<VerifiedCustomer>,
  limit = 20,
): VerificationReport {
  const mismatches: string[] = [];
  let total = 0;
  const affected = new Set<string>();
  const add = (id: string, message: string) => {
    total++;
    affected.add(id);
    if (mismatches.length < limit) mismatches.push(`customer ${id}: ${message}`);
  };
  const actualById = new Map<string, VerifiedCustomer>();
  for (const customer of actual) {
    // An API paging bug shows up as a customer listed twice.
    if (actualById.has(customer.id)) add(customer.id, "listed more than once");
    actualById.set(customer.id, customer);
  }
  const expectedIds = new Set<string>();
  for (const want of expected) {
    expectedIds.add(want.id);
    const got = actualById.get(want.id);
    if (!got) {
      add(want.id, "missing");
      continue;
    }
    compareRecords("attribute", want.attributes, got.attributes, (message) => add(want.id, message));
    compareRecords("event", want.events, got.events, (message) => add(want.id, message));
  }
  for (const id of actualById.keys()) if (!expectedIds.has(id)) add(id, "not in the verification file");
  return { mismatches, total, customersAffected: affected.size };
}

function compareRecords<V extends string | number>(
  what: string,
  want: Record<string, V>,
  got: Record<string, V>,
  add: (message: string) => void,
): void {
  for (const key of Object.keys(want)) {
    if (!Object.hasOwn(got, key)) add(`${what} ${show(key)}: expected ${show(want[key])}, missing`);
    else if (got[key] !== want[key]) add(`${what} ${show(key)}: expected ${show(want[key])}, got ${show(got[key])}`);
  }
  for (const key of Object.keys(got)) {
    if (!Object.hasOwn(want, key)) add(`${what} ${show(key)}: unexpected, got ${show(got[key])}`);
  }
}

/** Values can be 64 KB long; a mismatch message shows their start. */
function show(value: string | number): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
