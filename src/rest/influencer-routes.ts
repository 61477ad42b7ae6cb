import { Router } from "express";
import type { RestDeps } from "../http/app";
import { NotFoundError, ValidationError } from "../errors";
import { AccountScope } from "../db/account-scope";

const BUCKET_MS = 60_000;

/**
 * The published influencer analytics contract: `GET /influencer_analytics/:pk?start_time=&end_time=` (epoch
 * seconds, end exclusive) → `{"data": [[bucket_ms, follower_count, following_count, follower_ratio], …],
 * "success": true}` in 60 s buckets (the last reading of each), the ratio a float (null when following is 0).
 * Errors answer `{"message": …}` with the status of the error (400 bad input, 404 an untracked pk).
 */
export function influencerRoutes({ services, requireCaller }: RestDeps): Router {
  const router = Router();

  router.get("/influencer_analytics/:pk", async (req, res) => {
    const caller = await requireCaller(req, res);
    if (!caller) return;
    const pk = Number(req.params.pk);
    if (!Number.isSafeInteger(pk) || pk <= 0) throw new ValidationError("pk: a positive integer");
    const now = services.clock.now().getTime();
    const end = epochSeconds(req.query.end_time, "end_time") ?? now;
    const start = epochSeconds(req.query.start_time, "start_time") ?? end - 3_600_000;
    const scope = AccountScope.of(services.dataSource, caller.accountId);
    if (!(await services.influencers.get(scope, pk))) throw new NotFoundError(`influencer ${pk} is not tracked`);
    const readings = await services.influencers.readings(scope, pk, new Date(start), new Date(end));
    const buckets = new Map<number, [number, number, number, number | null]>();
    for (const r of readings) {
      const bucket = Math.floor(r.ts.getTime() / BUCKET_MS) * BUCKET_MS;
      buckets.set(bucket, [bucket, r.followerCount, r.followingCount, r.followingCount === 0 ? null : r.followerCount / r.followingCount]);
    }
    res.json({ data: [...buckets.values()], success: true });
  });

  return router;
}

function epochSeconds(value: unknown, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ValidationError(`${name}: epoch seconds`);
  return n * 1000;
}
