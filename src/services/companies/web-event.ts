import ipaddr from "ipaddr.js";
import { getDomain } from "tldts";
import { FREE_MAIL_DOMAINS } from "./free-mail-domains";

/** Event types with a column of their own in company_daily_signal; any other name is a custom signal. */
export const SIGNAL_OF_TYPE: Record<string, string> = {
  visit: "visits",
  click: "clicks",
  contact: "contacts",
  form_submission: "form_submissions",
  chat: "chats",
};

const CUSTOM_TYPE = /^[a-z][a-z0-9_]{0,62}$/;
const EARLIEST = Date.UTC(2000, 0, 1);

/** One activity event, validated and normalised, ready for identification. */
export interface WebEvent {
  event_id: string | null;
  type: string;
  /** When it happened, in epoch milliseconds. */
  at: number;
  ip: string | null;
  /** The 32 bits of an IPv4 address (identification's cache keys), null for IPv6 or no address. */
  v4: number | null;
  email: string | null;
  /** The registrable domain of the email (tldts), lowercased. */
  domain: string | null;
  free_mail: boolean;
  payload: Record<string, unknown>;
}

export class WebEventError extends Error {}

/** A dotted quad without leading zeros (which some parsers read as octal): the common case, parsed without ipaddr.js. */
const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** The 32 bits of a canonical dotted-quad IPv4 address, or null. */
export function ipv4Bits(text: string): number | null {
  const m = DOTTED_QUAD.exec(text);
  return m ? ((+m[1] * 256 + +m[2]) * 256 + +m[3]) * 256 + +m[4] : null;
}

/**
 * Registrable domains of email hosts, remembered: a stream names the same few thousand hosts over and over, and
 * tldts' public-suffix walk is the largest cost of parsing an event. Bounded; starts again when full.
 */
const domainOfHost = new Map<string, string>();
function registrableDomain(host: string): string {
  let domain = domainOfHost.get(host);
  if (domain === undefined) {
    if (domainOfHost.size >= 100_000) domainOfHost.clear();
    domain = getDomain(host) ?? host;
    domainOfHost.set(host, domain);
  }
  return domain;
}

/**
 * Validates one event as sent (`{id?, type, occurredAt | occurred_at, ip?, email?, payload?}`). Hand-written checks
 * rather than a schema: this runs for every event of million-event streams. IPv4-mapped IPv6 addresses become the
 * IPv4 they are, so a company's IPv4 ranges match them.
 */
export function parseWebEvent(raw: unknown, now: number): WebEvent {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new WebEventError("an event is a JSON object");
  const e = raw as Record<string, unknown>;
  const type = typeof e.type === "string" ? e.type.trim().toLowerCase() : "";
  if (!CUSTOM_TYPE.test(type)) throw new WebEventError("type: visit, click, contact, form_submission, chat or a custom name (a-z, 0-9, _)");
  const when = e.occurredAt ?? e.occurred_at ?? e.timestamp;
  const ms =
    when instanceof Date ? when.getTime() : typeof when === "number" ? (when < 1e12 ? when * 1000 : when) : typeof when === "string" ? Date.parse(when) : NaN;
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > now + 86_400_000) throw new WebEventError("occurredAt: an ISO date-time or epoch seconds, after 2000 and not in the future");
  let ip: string | null = null;
  let v4: number | null = null;
  if (e.ip !== undefined && e.ip !== null && e.ip !== "") {
    if (typeof e.ip !== "string") throw new WebEventError("ip: an IPv4 or IPv6 address");
    v4 = ipv4Bits(e.ip);
    if (v4 !== null) ip = e.ip;
    else {
      if (!ipaddr.isValid(e.ip)) throw new WebEventError("ip: an IPv4 or IPv6 address");
      ip = ipaddr.process(e.ip).toString();
      v4 = ipv4Bits(ip);
    }
  }
  let email: string | null = null;
  let domain: string | null = null;
  if (e.email !== undefined && e.email !== null && e.email !== "") {
    const text = typeof e.email === "string" ? e.email.trim().toLowerCase() : "";
    const at = text.lastIndexOf("@");
    if (at < 1 || at === text.length - 1) throw new WebEventError("email: an email address");
    email = text;
    const host = text.slice(at + 1);
    domain = registrableDomain(host);
  }
  if (!ip && !email) throw new WebEventError("an event needs an ip or an email");
  const id = e.id ?? e.event_id;
  const payload = e.payload && typeof e.payload === "object" && !Array.isArray(e.payload) ? (e.payload as Record<string, unknown>) : {};
  return {
    event_id: typeof id === "string" && id ? id : typeof id === "number" ? String(id) : null,
    type,
    at: ms,
    ip,
    v4,
    email,
    domain,
    free_mail: domain !== null && FREE_MAIL_DOMAINS.has(domain),
    payload,
  };
}

/** An account's active noise rules on domains and IP ranges, applied before identification. */
export class NoiseFilter {
  private readonly ranges: { id: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number] }[];

  constructor(
    private readonly domains: Map<string, string>,
    ranges: { id: string; range: string }[],
    /** Rules on companies by company id, applied once identification knows the company. */
    private readonly companies: Map<string, string>,
  ) {
    this.ranges = ranges.map((r) => ({ id: r.id, range: ipaddr.parseCIDR(r.range) }));
  }

  /** The id of the rule that drops this event, or null. */
  ruleFor(event: WebEvent): string | null {
    if (event.domain) {
      const rule = this.domains.get(event.domain);
      if (rule) return rule;
    }
    if (event.ip && this.ranges.length) {
      const address = ipaddr.parse(event.ip);
      for (const { id, range } of this.ranges) if (address.kind() === range[0].kind() && address.match(range)) return id;
    }
    return null;
  }

  /** The id of the rule that drops events of this company, or null. */
  ruleForCompany(companyId: string): string | null {
    return this.companies.get(companyId) ?? null;
  }
}
