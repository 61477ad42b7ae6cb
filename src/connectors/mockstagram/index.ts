import { z } from "zod";
import type { ConnectorContext, ConnectorPlugin } from "../contract";
import { HttpError } from "../http-client";

const config = z.object({
  baseUrl: z.string().url(),
  /** Requests in flight at once per worker process for this connection's influencers. */
  concurrency: z.number().int().min(1).max(2000).default(100),
  /**
   * Requests sent on one keep-alive connection before its first is answered (HTTP/1.1 pipelining), so `concurrency`
   * requests need concurrency / pipelining connections. Above 1 it saves a system call or two per read, but only a
   * source that answers pipelined requests in order (the Mockstagram server does) may have it, and one slow answer
   * holds up those behind it on its connection. 1 by default.
   */
  pipelining: z.number().int().min(1).max(16).default(1),
});
const secret = z.object({}).default({});

export type MockstagramConfig = z.infer<typeof config>;
type Ctx = ConnectorContext<MockstagramConfig, unknown>;

/** One reading as the API answers it (no timestamp: Conflux stamps it). */
export interface InfluencerReading {
  pk: number;
  username: string;
  followerCount: number;
  followingCount: number;
}

/** The source has no such influencer (answered 500 by the original server, 400 by a later one). */
export class InfluencerNotFoundError extends Error {
  constructor(readonly pk: number) {
    super(`Mockstagram has no influencer ${pk} (InfluencerNotFoundError)`);
    this.name = "InfluencerNotFoundError";
  }
}

/** Valid pks, as the API defines them. */
export const MIN_PK = 1_000_000;
export const MAX_PK = 1_999_999;

const url = (ctx: Ctx, path: string) => `${ctx.config.baseUrl.replace(/\/+$/, "")}/api/v1/influencers/${path}`;

/** Either status carries the error's name in the body; only the name tells "not found" from a failure. */
function notFound(error: unknown): boolean {
  return error instanceof HttpError && (error.status === 400 || error.status === 500) && error.body.includes("InfluencerNotFoundError");
}

/** `GET /api/v1/influencers/:pk`, once. Throws InfluencerNotFoundError, or the HttpError or network error of a failure. */
export async function fetchInfluencer(ctx: Ctx, pk: number): Promise<InfluencerReading> {
  try {
    // One attempt: the poller retries within the slot.
    const res = await ctx.http.getJsonOnce<InfluencerReading>(url(ctx, String(pk)));
    const body = res.body;
    if (!body || typeof body.followerCount !== "number" || typeof body.followingCount !== "number") {
      throw new Error(`Mockstagram answered an unexpected body for ${pk}`);
    }
    return { pk, username: String(body.username ?? ""), followerCount: body.followerCount, followingCount: body.followingCount };
  } catch (error) {
    if (notFound(error)) throw new InfluencerNotFoundError(pk);
    throw error;
  }
}

/** `POST /api/v1/influencers/is_suspicious`: slow (1–10 s), so it runs on its own queue. */
export async function classifyInfluencer(ctx: Ctx, reading: InfluencerReading): Promise<boolean> {
  try {
    const res = await ctx.http.json<{ pk: number; suspicious: boolean }>({ method: "POST", url: url(ctx, "is_suspicious"), body: reading });
    return res.body.suspicious === true;
  } catch (error) {
    if (notFound(error)) throw new InfluencerNotFoundError(reading.pk);
    throw error;
  }
}

/**
 * Mockstagram: follower statistics per influencer pk. There is no listing endpoint, so it is not read like a
 * list source: the influencer poller reads the pks an account tracks through the functions above.
 */
export const mockstagramPlugin: ConnectorPlugin<MockstagramConfig, unknown> = {
  kind: "mockstagram",
  displayName: "Mockstagram",
  description: "Follower statistics of tracked influencers, polled at a fixed resolution.",
  configSchema: config,
  secretSchema: secret,

  async test(ctx) {
    const reading = await fetchInfluencer(ctx, MIN_PK);
    return { ok: true, message: `${ctx.config.baseUrl} answers (influencer ${reading.pk}: ${reading.followerCount} followers)` };
  },
};
