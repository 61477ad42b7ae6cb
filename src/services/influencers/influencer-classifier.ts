import type { DataSource } from "typeorm";
import { AccountScope } from "../../db/account-scope";
import { Connection } from "../../entities/connection";
import type { Clock } from "../../clock";
import { HttpClient } from "../../connectors/http-client";
import type { ConnectorContext } from "../../connectors/contract";
import { classifyInfluencer, InfluencerNotFoundError, MockstagramConfig } from "../../connectors/mockstagram";
import type { ConnectionService } from "../connections/connection-service";
import type { JobQueue } from "../../jobs/queue";
import { Queues } from "../../jobs/queue";

/** One influencer to classify, with the reading the classifier is shown. */
export interface ClassifyItem {
  id: string;
  accountId: string;
  connectionId: string;
  pk: number;
  username: string;
  followerCount: number;
  followingCount: number;
}

export interface ClassifyJob {
  items: ClassifyItem[];
}

const PER_JOB = 10;
const RECHECK = "1 day";

/**
 * The daily suspicious flag, asked with the counts of the last snapshot. The classifier answers in 1–10 s, so it has its own queue and its own consumers:
 * metric polling never waits for it. Each influencer in a snapshot is due once a day; the claim moves it a day on
 * before the job is queued, so a failed job (retried by the queue) never makes it due twice.
 */
export class InfluencerClassifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionService,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}

  /** Queues the influencers due for their daily check (at most `limit`); returns how many. */
  async queueDue(limit = 5000): Promise<number> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [rows]: [{ id: string; account_id: string; connection_id: string; pk: string; username: string | null; f: string; g: string }[], number] =
      await this.dataSource.query(
        `UPDATE influencer i SET suspicious_due_at = $1::timestamptz + interval '${RECHECK}'
           FROM (SELECT id FROM influencer WHERE suspicious_due_at <= $1 AND snapshot_ts IS NOT NULL
                  ORDER BY suspicious_due_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
          WHERE i.id = due.id
         RETURNING i.id::text AS id, i.account_id, i.connection_id, i.pk::text AS pk, i.username,
                   i.snapshot_follower_count::text AS f, i.snapshot_following_count::text AS g`,
        [now, limit],
      );
    const items: ClassifyItem[] = rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      connectionId: r.connection_id,
      pk: Number(r.pk),
      username: r.username ?? `influencer-${r.pk}`,
      followerCount: Number(r.f),
      followingCount: Number(r.g),
    }));
    const jobs: { data: ClassifyJob }[] = [];
    for (let i = 0; i < items.length; i += PER_JOB) jobs.push({ data: { items: items.slice(i, i + PER_JOB) } });
    await this.queue.sendMany(Queues.INFLUENCER_CLASSIFY, jobs);
    return items.length;
  }

  /** Classifies a job's influencers concurrently and stores each verdict; unknown pks are skipped. */
  async classify(job: ClassifyJob): Promise<void> {
    await Promise.all(
      job.items.map(async (item) => {
        const scope = AccountScope.of(this.dataSource, item.accountId);
        const connection = await scope.findOne(Connection, { where: { id: item.connectionId } });
        if (!connection) return; // untracked meanwhile
        const http = new HttpClient({ retries: 2, ratePerSecond: 1e9, timeoutMs: 30_000 });
        const ctx = (await this.connections.contextFor(scope, connection, http)) as ConnectorContext<MockstagramConfig, unknown>;
        try {
          const suspicious = await classifyInfluencer(ctx, {
            pk: item.pk,
            username: item.username,
            followerCount: item.followerCount,
            followingCount: item.followingCount,
          });
          await scope.query(`UPDATE influencer SET suspicious = $2, suspicious_checked_at = $3 WHERE account_id = $1 AND id = $4`, [
            suspicious,
            this.clock.now(),
            item.id,
          ]);
        } catch (error) {
          if (!(error instanceof InfluencerNotFoundError)) throw error;
        }
      }),
    );
  }
}
