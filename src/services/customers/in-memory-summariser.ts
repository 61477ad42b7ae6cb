import { ActivityItem, ActivityLineError, itemOf, parseActivityLine } from "./activity-item";

/**
 * The simplest correct fold of activity into customer summaries, all in memory: the floor the database
 * ingestion is benchmarked against and the oracle its results are tested against. Clarity over memory.
 */

/** The winning change of one attribute; a `null` value is a removal, kept so an older line cannot revive it. */
export interface AttributeState {
  value: string | null;
  ts: number;
}

export interface CustomerState {
  attributes: Map<string, AttributeState>;
  /** Event name → distinct event ids. */
  eventIds: Map<string, Set<string>>;
  /** Greatest timestamp of any item applied to the customer (0 when none is positive, as in the database). */
  lastUpdated: number;
}

export interface InMemorySummary {
  customers: Map<string, CustomerState>;
  /** Lines read, blank ones included. */
  lines: number;
  anonymous: number;
  /** Event items whose id was already counted for that customer and name. */
  duplicateEvents: number;
  errorCount: number;
  /** The first `MAX_KEPT_ERRORS` bad lines. */
  errors: ActivityLineError[];
}

/** A customer as the API shows it: removed attributes absent, events as distinct counts. */
export interface CustomerSummary {
  id: string;
  attributes: Record<string, string>;
  events: Record<string, number>;
  lastUpdated: number;
}

export function createInMemorySummary(): InMemorySummary {
  return { customers: new Map(), lines: 0, anonymous: 0, duplicateEvents: 0, errorCount: 0, errors: [] };
}

/**
 * Parses and folds lines into `into` (a fresh summary by default). Pass the same summary again to add another
 * file: an event id already counted is not counted twice.
 */
export async function summariseInMemory(
  lines: AsyncIterable<{ text: string; lineNo: number }>,
  into: InMemorySummary = createInMemorySummary(),
): Promise<InMemorySummary> {
  for await (const { text, lineNo } of lines) {
    into.lines++;
    const item = itemOf(parseActivityLine(text, lineNo), into);
    if (item) applyActivityItem(into, item);
  }
  return into;
}

/** Folds one valid item: per attribute the greatest timestamp wins, ties going to the later item. */
export function applyActivityItem(summary: InMemorySummary, item: ActivityItem): void {
  let customer = summary.customers.get(item.userId);
  if (!customer) {
    customer = { attributes: new Map(), eventIds: new Map(), lastUpdated: 0 };
    summary.customers.set(item.userId, customer);
  }
  if (item.kind === "event") {
    let ids = customer.eventIds.get(item.name);
    if (!ids) {
      ids = new Set();
      customer.eventIds.set(item.name, ids);
    }
    if (ids.has(item.eventId)) {
      summary.duplicateEvents++;
      return;
    }
    ids.add(item.eventId);
  } else {
    for (const key in item.data) {
      const current = customer.attributes.get(key);
      if (!current) customer.attributes.set(key, { value: item.data[key], ts: item.timestamp });
      else if (item.timestamp >= current.ts) {
        current.value = item.data[key];
        current.ts = item.timestamp;
      }
    }
  }
  if (item.timestamp > customer.lastUpdated) customer.lastUpdated = item.timestamp;
}

export function toCustomerSummary(id: string, state: CustomerState): CustomerSummary {
  const attributes: [string, string][] = [];
  for (const [key, { value }] of state.attributes) if (value !== null) attributes.push([key, value]);
  // Object.fromEntries defines properties, so an attribute or event named "__proto__" stays an ordinary key.
  return {
    id,
    attributes: Object.fromEntries(attributes),
    events: Object.fromEntries([...state.eventIds].map(([name, ids]) => [name, ids.size])),
    lastUpdated: state.lastUpdated,
  };
}

/** Every customer, sorted by id as text (the order of the verification files). */
export function toCustomerSummaries(summary: InMemorySummary): CustomerSummary[] {
  return [...summary.customers.keys()].sort().map((id) => toCustomerSummary(id, summary.customers.get(id)!));
}
