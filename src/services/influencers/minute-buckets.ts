import type { MetricBucket, Stat } from "./influencer-service";

/** A raw reading as the MINUTE query reads it: its slot in epoch ms, counts as float8 (exact below 2^53). */
export interface RawReading {
  influencer_id: string;
  at: number;
  followers: number;
  following: number;
}

const MINUTE_MS = 60_000;

class Accumulator {
  min: number | null = null;
  max: number | null = null;
  sum = 0;
  n = 0;
  last: number | null = null;

  add(value: number | null): void {
    this.last = value; // readings come in time order: the newest is the last added, null included
    if (value === null) return;
    this.min = this.min === null || value < this.min ? value : this.min;
    this.max = this.max === null || value > this.max ? value : this.max;
    this.sum += value;
    this.n++;
  }

  stat(): Stat {
    return { min: this.min, max: this.max, avg: this.n ? this.sum / this.n : null, last: this.last };
  }
}

/**
 * Minute buckets (min, max, avg, last of followers, following and the ratio) of readings ordered by influencer and
 * time, folded here rather than grouped in SQL: at the usual one-minute interval a bucket holds one reading, and
 * the three ordered `array_agg`s the grouping needed for "last" cost four times reading the rows. The ratio is
 * followers / following as a float, null when following is 0 (and then skipped by min, max and avg, as SQL does).
 */
export function minuteBuckets(rows: RawReading[], into: Map<string, MetricBucket[]>): void {
  let id: string | undefined;
  let bucket = Number.NaN;
  let acc: [Accumulator, Accumulator, Accumulator] | undefined;
  const close = () => {
    if (!acc || id === undefined) return;
    into.get(id)?.push({ ts: new Date(bucket), followerCount: acc[0].stat(), followingCount: acc[1].stat(), followerRatio: acc[2].stat() });
  };
  for (const row of rows) {
    const at = Math.floor(row.at / MINUTE_MS) * MINUTE_MS;
    if (row.influencer_id !== id || at !== bucket) {
      close();
      id = row.influencer_id;
      bucket = at;
      acc = [new Accumulator(), new Accumulator(), new Accumulator()];
    }
    const { followers, following } = row;
    acc![0].add(followers);
    acc![1].add(following);
    acc![2].add(following === 0 ? null : followers / following);
  }
  close();
}
