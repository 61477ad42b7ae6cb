import { DataSource } from "typeorm";
import { Alert, AlertKind, AlertStatus } from "../../entities/alert";
import { AccountScope } from "../../db/account-scope";
import { Connection } from "../../entities/connection";
import { PubSub, Topics } from "../../events/pubsub";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import { lagSecondsOf } from "../connections/connection-health";
import { alertEventsTotal } from "../../metrics";

/** Hands an opened or resolved alert to whoever must hear of it (the webhook job). */
export type AlertNotify = (event: AlertEvent) => Promise<void>;

export interface AlertEvent {
  event: "alert.opened" | "alert.resolved";
  alert: Alert;
}

const NO_CONNECTION = "00000000-0000-0000-0000-000000000000";

/**
 * Opens and resolves alerts. The partial unique index (one OPEN alert per connection and kind) makes opening
 * idempotent, so evaluations may overlap and repeat without storms. An alert opens only on a condition that
 * has lasted: lag over the threshold for the grace period, or N consecutive runs failed after the queue's own
 * retries; a transient error that a retry fixes never reaches it.
 */
export class AlertService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubsub: PubSub,
    private readonly notify: AlertNotify,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** An account's alerts, newest first. */
  list(scope: AccountScope, filter: { status?: AlertStatus; connectionId?: string; first: number }): Promise<Alert[]> {
    // Platform alerts have no account (accountId null) and so never match an account's scope.
    return scope.find(Alert as unknown as new () => Alert & { accountId: string }, {
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.connectionId ? { connectionId: filter.connectionId } : {}) },
      order: { openedAt: "DESC" },
      take: Math.min(Math.max(filter.first, 1), 500),
    });
  }

  async open(kind: AlertKind, reason: string, accountId: string | null, connectionId: string | null): Promise<Alert | null> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `INSERT INTO alert (account_id, connection_id, kind, reason, opened_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ((coalesce(connection_id, '${NO_CONNECTION}'::uuid)), kind) WHERE status = 'OPEN' DO NOTHING
       RETURNING *`,
      [accountId, connectionId, kind, reason, this.clock.now()],
    );
    if (!rows.length) return null;
    const alert = toAlert(rows[0]);
    await this.announce("alert.opened", alert);
    return alert;
  }

  async resolve(kind: AlertKind, connectionId: string | null): Promise<Alert | null> {
    // TypeORM answers an UPDATE … RETURNING on PostgreSQL as [rows, affected count].
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE alert SET status = 'RESOLVED', resolved_at = $3
        WHERE coalesce(connection_id, '${NO_CONNECTION}'::uuid) = coalesce($1::uuid, '${NO_CONNECTION}'::uuid)
          AND kind = $2 AND status = 'OPEN'
       RETURNING *`,
      [connectionId, kind, this.clock.now()],
    );
    if (!rows.length) return null;
    const alert = toAlert(rows[0]);
    await this.announce("alert.resolved", alert);
    return alert;
  }

  /** After a run settles: failures in a row, and lag (whose grace period starts when it is first seen). */
  async evaluateConnection(connection: Connection): Promise<void> {
    if (connection.consecutiveFailures >= connection.failuresBeforeAlert) {
      await this.open("FAILING", `${connection.consecutiveFailures} consecutive sync runs failed`, connection.accountId, connection.id);
    } else if (connection.consecutiveFailures === 0) {
      await this.resolve("FAILING", connection.id);
    }
    await this.evaluateLag([connection.id]);
  }

  /**
   * Lag of every connection (or of the given ones) in three set-based statements, so thousands of connections
   * cost the same few queries: mark when lag first exceeded the threshold, open LAGGING where it has lasted the
   * grace period, resolve where it no longer holds.
   */
  async evaluateLag(connectionIds: string[] | null = null): Promise<void> {
    const now = this.clock.now();
    const params = [now, connectionIds];
    const chosen = `($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))`;
    await this.dataSource.query(
      `UPDATE connection c SET lagging_since = CASE
           WHEN NOT c.paused AND coalesce(c.synced_through, c.created_at) < $1::timestamptz - make_interval(secs => c.lag_threshold_seconds)
           THEN coalesce(c.lagging_since, $1::timestamptz) END
        WHERE ${chosen}`,
      params,
    );
    const due: { id: string; account_id: string; synced_through: Date | null; created_at: Date; lag_threshold_seconds: number }[] =
      await this.dataSource.query(
        `SELECT c.id, c.account_id, c.synced_through, c.created_at, c.lag_threshold_seconds FROM connection c
          WHERE c.lagging_since <= $1::timestamptz - make_interval(secs => c.alert_grace_seconds) AND ${chosen}
            AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.connection_id = c.id AND a.kind = 'LAGGING' AND a.status = 'OPEN')`,
        params,
      );
    for (const c of due) {
      const lag = lagSecondsOf({ syncedThrough: c.synced_through, createdAt: c.created_at } as Connection, now);
      await this.open("LAGGING", `${lag} s behind the source (threshold ${c.lag_threshold_seconds} s)`, c.account_id, c.id);
    }
    const recovered: { connection_id: string }[] = await this.dataSource.query(
      `SELECT a.connection_id FROM alert a JOIN connection c ON c.id = a.connection_id
        WHERE a.kind = 'LAGGING' AND a.status = 'OPEN' AND c.lagging_since IS NULL AND a.opened_at <= $1 AND ${chosen}`,
      params,
    );
    for (const r of recovered) await this.resolve("LAGGING", r.connection_id);
  }

  /** The platform check: jobs due but not started means the queue stopped draining. */
  async evaluateQueue(overdue: { count: number; oldestDueAt: Date | null }, thresholdSeconds: number): Promise<void> {
    if (overdue.count > 0) {
      await this.open(
        "QUEUE_STALLED",
        `${overdue.count} sync jobs due for over ${thresholdSeconds} s have not started (oldest due ${overdue.oldestDueAt?.toISOString()})`,
        null,
        null,
      );
    } else {
      await this.resolve("QUEUE_STALLED", null);
    }
  }

  private async announce(event: AlertEvent["event"], alert: Alert): Promise<void> {
    this.logger.warn({ alert }, event);
    alertEventsTotal.inc({ kind: alert.kind, event });
    this.pubsub.publish(Topics.ALERT_CHANGED, alert);
    try {
      await this.notify({ event, alert });
    } catch (err) {
      // The alert row stands; a person still sees it in the API.
      this.logger.error({ err, alertId: alert.id }, "could not queue the alert notification");
    }
  }
}

function toAlert(row: Record<string, unknown>): Alert {
  return Object.assign(new Alert(), {
    id: row.id,
    accountId: row.account_id,
    connectionId: row.connection_id,
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    openedAt: new Date(row.opened_at as string),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at as string) : null,
  });
}
