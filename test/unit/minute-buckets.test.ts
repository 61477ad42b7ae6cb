import type { MetricBucket } from "../../src/services/influencers/influencer-service";
import { minuteBuckets, RawReading } from "../../src/services/influencers/minute-buckets";

const T = Date.UTC(2026, 2, 2, 10, 0, 0);
const reading = (id: string, ms: number, followers: number, following: number): RawReading => ({
  influencer_id: id,
  at: T + ms,
  followers,
  following,
});

describe("minute buckets", () => {
  it("folds readings into one bucket per influencer and minute: min, max, avg and the newest as last", () => {
    const out = new Map<string, MetricBucket[]>([["1", []], ["2", []], ["3", []]]);
    minuteBuckets(
      [
        reading("1", 10_000, 300, 10),
        reading("1", 40_000, 100, 0), // following 0: no ratio, and the bucket's last ratio is that null
        reading("1", 61_000, 500, 4),
        reading("2", 5_000, 9_007_199_254_740_000, 3), // bigint counts beyond 2^31 stay exact as numbers
      ],
      out,
    );
    expect(out.get("1")).toEqual([
      {
        ts: new Date(T),
        followerCount: { min: 100, max: 300, avg: 200, last: 100 },
        followingCount: { min: 0, max: 10, avg: 5, last: 0 },
        followerRatio: { min: 30, max: 30, avg: 30, last: null },
      },
      {
        ts: new Date(T + 60_000),
        followerCount: { min: 500, max: 500, avg: 500, last: 500 },
        followingCount: { min: 4, max: 4, avg: 4, last: 4 },
        followerRatio: { min: 125, max: 125, avg: 125, last: 125 },
      },
    ]);
    expect(out.get("2")?.[0].followerCount.last).toBe(9_007_199_254_740_000);
    expect(out.get("2")?.[0].followerRatio.last).toBeCloseTo(9_007_199_254_740_000 / 3);
    expect(out.get("3")).toEqual([]);
  });
});
