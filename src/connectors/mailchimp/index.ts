import crypto from "node:crypto";
import { z } from "zod";
import type { ConnectorPlugin, ConnectorContext, SourcePage } from "../contract";
import { ID_FIELDS, MailchimpApi, Member, MEMBER_FIELDS } from "./api";
import { toContact, toMailchimpTime } from "./member";
import { pageAnchored, PagerPosition } from "./pager";

/** The statuses a default member listing includes (archived members are hidden unless asked for). */
const MEMBER_STATUSES = ["subscribed", "unsubscribed", "cleaned", "pending", "transactional"];

const config = z.object({
  listId: z.string().min(1),
  /** Overrides the data-centre URL derived from the key (tests point it at a fake). */
  baseUrl: z.string().url().optional(),
  pageSize: z.number().int().min(50).max(1000).default(1000),
  /**
   * Each incremental read starts this far before the newest change already seen: `since_last_changed` is
   * exclusive and has one-second precision, so members sharing the boundary second would otherwise be lost.
   */
  overlapSeconds: z.number().int().min(1).max(86_400).default(120),
});
const secret = z.object({ apiKey: z.string().min(1) });

type Config = z.infer<typeof config>;
type Secret = z.infer<typeof secret>;
type Ctx = ConnectorContext<Config, Secret>;

/**
 * Resume state: the listing under way (`since`, its fixed lower bound, and `position` in it) and `watermark`, the
 * newest `last_changed` seen. A finished run leaves the position at the end of the NEXT listing's known prefix:
 * that listing starts `overlapSeconds` before the watermark, and `recent` (members consumed per second within
 * the overlap) says how many of its members were already read, so an unchanged audience costs one call, not a
 * re-read of every member sharing the boundary seconds (a bulk import puts thousands in one second).
 */
interface Cursor {
  watermark?: string;
  since?: string | null;
  position?: PagerPosition;
  recent?: Record<string, number>;
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const api = (ctx: Ctx) => new MailchimpApi(ctx.http, ctx.secret.apiKey, ctx.config.baseUrl);

/** A member at one version: the pager's anchor key. */
const versionKey = (m: Member) => `${m.id}@${m.last_changed ?? ""}`;

function newest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Mailchimp audience members as contact records; incremental by `last_changed`, deletions by listing ids. */
export const mailchimpPlugin: ConnectorPlugin<Config, Secret> = {
  kind: "mailchimp",
  displayName: "Mailchimp audience",
  description: "Members of one Mailchimp audience (list) as contacts: email, first and last name, status.",
  configSchema: config,
  secretSchema: secret,
  concurrency: { key: (_config, s) => crypto.createHash("sha256").update(s.apiKey).digest("hex"), max: 10 },

  async test(ctx) {
    const list = await api(ctx).get<{ name?: string; stats?: { member_count?: number } }>(
      `/lists/${encodeURIComponent(ctx.config.listId)}`,
      { fields: "name,stats.member_count" },
    );
    return { ok: true, message: `audience ${list.name ?? ctx.config.listId}: ${list.stats?.member_count ?? 0} subscribed members` };
  },

  async *read(ctx, saved): AsyncGenerator<SourcePage> {
    const cursor = (saved ?? {}) as Cursor;
    const overlap = ctx.config.overlapSeconds;
    let watermark = cursor.watermark;
    const since = cursor.since !== undefined ? cursor.since : watermark ? toMailchimpTime((seconds(watermark) - overlap) * 1000) : null;
    const recent = new Map(Object.entries(cursor.recent ?? {}).map(([s, n]) => [Number(s), n]));
    const listId = ctx.config.listId;
    const fetchPage = async (offset: number, count: number) => {
      const res = await api(ctx).members(listId, { offset, count, since: since ?? undefined, fields: MEMBER_FIELDS });
      return { members: res.members ?? [], totalItems: res.total_items };
    };
    for await (const step of pageAnchored<Member>(fetchPage, cursor.position ?? { offset: 0, tail: [] }, ctx.config.pageSize, versionKey)) {
      for (const m of step.fresh) {
        if (!m.last_changed) continue;
        watermark = newest(watermark, m.last_changed);
        const s = seconds(m.last_changed);
        recent.set(s, (recent.get(s) ?? 0) + 1);
      }
      // Keep what the next listing (changes after watermark - overlap) will start with.
      const horizon = watermark ? seconds(watermark) - overlap : -Infinity;
      for (const s of recent.keys()) if (s <= horizon) recent.delete(s);
      let next: Cursor;
      if (!step.done) next = { watermark, since, position: step.position, recent: Object.fromEntries(recent) };
      else {
        const nextSince = watermark ? toMailchimpTime(horizon * 1000) : null;
        // An estimate when the bound moved (members that changed twice count twice); the anchors correct it.
        const offset = nextSince === since ? step.position.offset : [...recent.values()].reduce((a, b) => a + b, 0);
        next = { watermark, since: nextSince, position: { offset, tail: step.position.tail }, recent: Object.fromEntries(recent) };
      }
      yield { records: step.fresh.map(toContact), cursor: next as Record<string, unknown> };
    }
  },

  async *listIds(ctx) {
    const fetchPage = async (offset: number, count: number) => {
      const res = await api(ctx).members(ctx.config.listId, { offset, count, fields: ID_FIELDS });
      return { members: res.members ?? [], totalItems: res.total_items };
    };
    for await (const step of pageAnchored<Member>(fetchPage, { offset: 0, tail: [] }, 1000, versionKey)) {
      yield step.fresh.map((m) => m.id);
    }
  },

  async count(ctx, detail) {
    // total_items of exactly the listing that reads and reconciliations see (every status but archived), so the
    // comparison is like for like; the audience's `stats` count only three of those statuses.
    const totalOf = async (status?: string) =>
      (await api(ctx).get<{ total_items: number }>(`/lists/${encodeURIComponent(ctx.config.listId)}/members`, {
        count: 1,
        fields: "total_items",
        status,
      })).total_items;
    const total = await totalOf();
    if (!detail) return { total };
    const byFacet: Record<string, number> = {};
    for (const status of MEMBER_STATUSES) byFacet[status] = await totalOf(status);
    return { total, byFacet };
  },
};
