import type { HttpClient } from "../http-client";

/** The member fields the contact mapping needs, and only those (Mailchimp's `fields` parameter). */
export const MEMBER_FIELDS = [
  "members.id",
  "members.email_address",
  "members.status",
  "members.last_changed",
  "members.merge_fields.FNAME",
  "members.merge_fields.LNAME",
  "total_items",
].join(",");

export const ID_FIELDS = "members.id,members.last_changed,total_items";

export interface Member {
  id: string;
  email_address?: string;
  status?: string;
  last_changed?: string;
  merge_fields?: { FNAME?: string; LNAME?: string };
}

export interface MembersResponse {
  members: Member[];
  total_items: number;
}

/**
 * `…-us6` → `https://us6.api.mailchimp.com/3.0`: Mailchimp routes each key to its data centre. `baseUrl`
 * overrides it (tests, proxies).
 */
export function baseUrlOf(apiKey: string, baseUrl?: string): string {
  if (baseUrl) return baseUrl.replace(/\/+$/, "");
  const dc = /-([a-z]+\d+)$/.exec(apiKey)?.[1];
  if (!dc) throw new Error("the API key has no data-centre suffix (…-us6)");
  return `https://${dc}.api.mailchimp.com/3.0`;
}

export class MailchimpApi {
  private readonly base: string;
  private readonly auth: string;

  constructor(
    private readonly http: HttpClient,
    apiKey: string,
    baseUrl?: string,
  ) {
    this.base = baseUrlOf(apiKey, baseUrl);
    // Basic auth with any user name and the key as password, as Mailchimp documents.
    this.auth = `Basic ${Buffer.from(`conflux:${apiKey}`).toString("base64")}`;
  }

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const res = await this.http.json<T>({ url: `${this.base}${path}`, headers: { authorization: this.auth }, query });
    return res.body;
  }

  /** Members oldest change first; `since` is exclusive at the API, callers widen it themselves. */
  members(listId: string, query: { offset: number; count: number; since?: string; fields: string }): Promise<MembersResponse> {
    return this.get<MembersResponse>(`/lists/${encodeURIComponent(listId)}/members`, {
      offset: query.offset,
      count: query.count,
      fields: query.fields,
      since_last_changed: query.since,
      sort_field: "last_changed",
      sort_dir: "ASC",
    });
  }
}
