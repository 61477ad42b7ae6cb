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
  email: string | null;
  /** The registrable domain of the email (tldts), lowercased. */
  domain: string | null;
  free_mail: boolean;
  payload: Record<string, unknown>;
}

export class WebEventError extends Error {}

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
  if (e.ip !== undefined && e.ip !== null && e.ip !== "") {
    if (typeof e.ip !== "string" || !ipaddr.isValid(e.ip)) throw new WebEventError("ip: an IPv4 or IPv6 address");
    ip = ipaddr.process(e.ip).toString();
  }
  let email: string | null = null;
  let domain: string | null = null;
  if (e.email !== undefined && e.email !== null && e.email !== "") {
    const text = typeof e.email === "string" ? e.email.trim().toLowerCase() : "";
    const at = text.lastIndexOf("@");
    if (at < 1 || at === text.length - 1) throw new WebEventError("email: an email address");
    email = text;
    const host = text.slice(at + 1);
    domain = getDomain(host) ?? host;
  }
  if (!ip && !email) throw new WebEventError("an event needs an ip or an email");
  const id = e.id ?? e.event_id;
  const payload = e.payload && typeof e.payload === "object" && !Array.isArray(e.payload) ? (e.payload as Record<string, unknown>) : {};
  return {
    event_id: typeof id === "string" && id ? id : typeof id === "number" ? String(id) : null,
    type,
    at: ms,
    ip,
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
    /** Whether the account also has rules on companies, which identification applies once it knows the company. */
    readonly companyRules: boolean,
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
}
