import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";

/** Influencers fall in this many shards (`influencer.shard`, the id modulo 64): the unit pollers divide. */
export const SHARDS = 64;

/** How long a lease holds without renewal; a poller renews its leases every heartbeat (about a second). */
export const LEASE_MS = 15_000;

/**
 * A shard newly taken, and how far its slots were dispatched by the poller before (null: never polled). Slots
 * before that are not sent out again; a slot the previous poller sent out after its last report is read twice at
 * worst (the write keeps one reading), and one it missed is a gap only if it has no reading.
 */
export interface TakenShard {
  shard: number;
  polledThrough: number | null;
}

export interface Balance {
  taken: TakenShard[];
  /** Shards given back to balance the load, or found taken by another poller after this one's lease ran out. */
  lost: number[];
  /** The influencer directory's version as read in this heartbeat: when it moved, the held shards are reloaded. */
  version: string;
}

/** What a poller reports after dispatching: as of now, every slot starting before `dispatchedThrough` was sent out. */
export interface Progress {
  dispatchedThrough: number;
  lagSeconds: number;
  backlog: number;
}

interface ShardRow {
  shard: number;
  owner: string | null;
  lease_until: Date | null;
  polled_through: Date | null;
}

/**
 * A lease is void once it has ended, and also when it ends further ahead than any live poller could have set it (a
 * clock that jumped, or tests moving time back): such a shard is free rather than held forever.
 */
export function leaseHeld(leaseUntil: Date | null, now: number): boolean {
  if (!leaseUntil) return false;
  const until = leaseUntil.getTime();
  return until > now && until <= now + 2 * LEASE_MS;
}

/**
 * One poller's share of the shards. Every heartbeat, in one transaction, the poller announces itself, counts the
 * live pollers (seen within a lease), renews its leases and moves toward its fair share, ceil(64 / live): it takes
 * free or expired shards when it holds fewer, gives back its highest when it holds more. So a second process gets
 * half the shards within a heartbeat of the first one's next, and the shards of a process that stopped are taken
 * over once its lease ends, from where it had got to. The rows are locked in shard order, so heartbeats of any
 * number of pollers queue instead of deadlocking.
 */
export class PollShards {
  readonly pollerId = randomUUID();
  readonly held = new Set<number>();

  constructor(private readonly dataSource: DataSource) {}

  async balance(now: number, progress: Progress): Promise<Balance> {
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO influencer_poller (id, seen_at) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`,
        [this.pollerId, new Date(now)],
      );
      const [{ live }]: { live: number }[] = await m.query(
        `SELECT count(*)::int AS live FROM influencer_poller WHERE seen_at > $1 AND seen_at <= $2`,
        [new Date(now - LEASE_MS), new Date(now + LEASE_MS)],
      );
      const rows: ShardRow[] = await m.query(`SELECT shard, owner, lease_until, polled_through FROM influencer_poll_shard ORDER BY shard FOR UPDATE`);
      const [{ version }]: { version: string }[] = await m.query(`SELECT version::text AS version FROM influencer_poll_version`);
      const share = Math.ceil(SHARDS / Math.max(1, live));
      const mine = rows.filter((r) => r.owner === this.pollerId).map((r) => r.shard);
      const lost = [...this.held].filter((shard) => !mine.includes(shard));
      const keep = mine.slice(0, share);
      lost.push(...mine.slice(share));
      const wanted = share - keep.length;
      const free = wanted > 0 ? rows.filter((r) => r.owner !== this.pollerId && !leaseHeld(r.lease_until, now)).slice(0, wanted).map((r) => r.shard) : [];
      const released = mine.slice(share);
      const through = new Date(progress.dispatchedThrough);
      if (released.length) {
        await m.query(`UPDATE influencer_poll_shard SET owner = NULL, lease_until = NULL, polled_through = $2 WHERE shard = ANY($1::smallint[])`, [
          released,
          through,
        ]);
      }
      const until = new Date(now + LEASE_MS);
      if (keep.length) {
        await m.query(`UPDATE influencer_poll_shard SET lease_until = $2, polled_through = $3 WHERE shard = ANY($1::smallint[])`, [keep, until, through]);
      }
      // A shard the database says is this poller's but its memory does not hold is loaded like a new one.
      const taken: TakenShard[] = rows
        .filter((r) => keep.includes(r.shard) && !this.held.has(r.shard))
        .map((r) => ({ shard: r.shard, polledThrough: r.polled_through?.getTime() ?? null }));
      if (free.length) {
        // TypeORM answers an UPDATE … RETURNING with [rows, count].
        const [rows]: [{ shard: number; polled_through: Date | null }[], number] = await m.query(
          `UPDATE influencer_poll_shard SET owner = $1, lease_until = $2 WHERE shard = ANY($3::smallint[]) RETURNING shard, polled_through`,
          [this.pollerId, until, free],
        );
        taken.push(...rows.map((r) => ({ shard: r.shard, polledThrough: r.polled_through?.getTime() ?? null })));
      }
      // Pollers gone for an hour are forgotten.
      await m.query(`DELETE FROM influencer_poller WHERE seen_at < $1 OR seen_at > $2`, [new Date(now - 3_600_000), new Date(now + 3_600_000)]);
      for (const shard of lost) this.held.delete(shard);
      for (const { shard } of taken) this.held.add(shard);
      return { taken, lost: [...new Set(lost)], version };
    });
  }

  /**
   * After dispatching: how far the held shards got, and this poller's lag and backlog (one statement). The rows
   * are locked in shard order, as a heartbeat locks them, or the two could deadlock.
   */
  async report(progress: Progress): Promise<void> {
    await this.dataSource.query(
      `WITH shards AS (
         UPDATE influencer_poll_shard SET polled_through = $2
          WHERE shard IN (SELECT shard FROM influencer_poll_shard WHERE owner = $1 ORDER BY shard FOR UPDATE)
         RETURNING 1)
       UPDATE influencer_poller SET lag_seconds = $3, backlog = $4 WHERE id = $1`,
      [this.pollerId, new Date(progress.dispatchedThrough), progress.lagSeconds, progress.backlog],
    );
  }

  /** On stop: the shards go back with how far they got, and this poller leaves the count of live ones. */
  async release(progress: Progress): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT 1 FROM influencer_poll_shard ORDER BY shard FOR UPDATE`);
      await m.query(`UPDATE influencer_poll_shard SET owner = NULL, lease_until = NULL, polled_through = $2 WHERE owner = $1`, [
        this.pollerId,
        new Date(progress.dispatchedThrough),
      ]);
      await m.query(`DELETE FROM influencer_poller WHERE id = $1`, [this.pollerId]);
    });
    this.held.clear();
  }
}

/**
 * How far behind polling is, platform-wide, as of `now`: the largest lag a live poller reported, or, for a shard
 * with influencers that no poller holds, the time since its slots were last dispatched (never: since its first
 * influencer's first slot). And how many slots are due and waiting in the live pollers. Lag is a property of the
 * pollers, which serve every account, so it is not per account.
 */
export async function pollingLag(dataSource: DataSource, now: number): Promise<{ lagSeconds: number; backlog: number }> {
  const [row]: { held_lag: number | null; orphan_since: Date | null; backlog: number }[] = await dataSource.query(
    `WITH live AS (SELECT lag_seconds, backlog FROM influencer_poller WHERE seen_at > $2 AND seen_at <= $3)
     SELECT (SELECT max(lag_seconds) FROM live) AS held_lag,
            (SELECT coalesce(sum(backlog), 0)::int FROM live) AS backlog,
            (SELECT min(coalesce(s.polled_through, (SELECT min(next_poll_at) FROM influencer i WHERE i.shard = s.shard)))
               FROM influencer_poll_shard s
              WHERE NOT (s.owner IS NOT NULL AND s.lease_until > $1 AND s.lease_until <= $4)
                AND EXISTS (SELECT 1 FROM influencer i WHERE i.shard = s.shard)) AS orphan_since`,
    [new Date(now), new Date(now - LEASE_MS), new Date(now + LEASE_MS), new Date(now + 2 * LEASE_MS)],
  );
  const orphanLag = row.orphan_since ? Math.max(0, (now - row.orphan_since.getTime()) / 1000) : 0;
  return { lagSeconds: Math.max(row.held_lag ?? 0, orphanLag), backlog: row.backlog };
}
