import type { Customer } from "../services/customers/customer-service";

/** The published customer object: numeric ids as JSON numbers, `events` always an object. */
export interface CustomerJson {
  id: string | number;
  attributes: Record<string, string>;
  events: Record<string, number>;
  last_updated: number;
}

export function toCustomerJson(customer: Customer, events: Record<string, number> | undefined): CustomerJson {
  // Only ids that survive the round trip become numbers; longer digit strings stay strings.
  const numeric = /^(0|[1-9]\d*)$/.test(customer.id) && Number.isSafeInteger(Number(customer.id));
  return {
    id: numeric ? Number(customer.id) : customer.id,
    attributes: customer.attributes,
    events: events ?? {},
    last_updated: customer.lastUpdated,
  };
}
