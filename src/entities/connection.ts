import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

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

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
