import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** A drift check's disagreement: totals, and per facet when the source can tell. */
export interface Drift {
  source: { total: number; byFacet?: Record<string, number> };
  held: { total: number; byFacet: Record<string, number> };
}

/** An account's registered connector: which plugin, its validated config, its encrypted secret and schedule. */
@Entity({ name: "connection" })
export class Connection {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Column({ type: "text" })
  kind: string;

  @Column({ type: "text" })
  name: string;

  @Column({ type: "jsonb", default: () => "'{}'" })
  config: Record<string, unknown>;

  /** AES-256-GCM envelope (see SecretBox); never leaves the server. */
  @Column({ name: "secret_encrypted", type: "text", nullable: true, select: false })
  secretEncrypted: string | null;

  /** Cron expression (5 or 6 fields); null means manual syncs only. */
  @Column({ type: "text", nullable: true })
  schedule: string | null;

  @Column({ name: "lag_threshold_seconds", type: "integer", default: 7200 })
  lagThresholdSeconds: number;

  @Column({ type: "boolean", default: false })
  paused: boolean;

  /** Connector-owned resume state (cursor, watermark) saved after every page. */
  @Column({ type: "jsonb", default: () => "'{}'" })
  state: Record<string, unknown>;

  @Column({ name: "next_sync_at", type: "timestamptz", nullable: true })
  nextSyncAt: Date | null;

  /** Source changes up to this instant are known to be in Conflux. */
  @Column({ name: "synced_through", type: "timestamptz", nullable: true })
  syncedThrough: Date | null;

  /** A connection whose plugin can write (record-api): synced records are sent there too. */
  @Column({ name: "destination_id", type: "uuid", nullable: true })
  destinationId: string | null;

  /** How often a run also lists every source id to find deletions. */
  @Column({ name: "reconcile_interval_seconds", type: "integer", default: 86400 })
  reconcileIntervalSeconds: number;

  @Column({ name: "reconciled_at", type: "timestamptz", nullable: true })
  reconciledAt: Date | null;

  /** Set when a drift check found a mismatch: the next run reconciles whatever the interval says. */
  @Column({ name: "reconcile_requested", type: "boolean", default: false })
  reconcileRequested: boolean;

  /** How long lag must exceed the threshold before an alert opens. */
  @Column({ name: "alert_grace_seconds", type: "integer", default: 900 })
  alertGraceSeconds: number;

  /** Consecutive failed runs (after the queue's retries) that open a FAILING alert. */
  @Column({ name: "failures_before_alert", type: "integer", default: 3 })
  failuresBeforeAlert: number;

  @Column({ name: "consecutive_failures", type: "integer", default: 0 })
  consecutiveFailures: number;

  /** When the lag was first seen over the threshold; null while within it. */
  @Column({ name: "lagging_since", type: "timestamptz", nullable: true })
  laggingSince: Date | null;

  /** The last drift check's mismatch (source and held totals per facet), null when they agreed. */
  @Column({ type: "jsonb", nullable: true })
  drift: Drift | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
