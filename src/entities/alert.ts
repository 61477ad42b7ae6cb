import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export type AlertKind = "LAGGING" | "FAILING" | "DRIFT" | "QUEUE_STALLED";
export type AlertStatus = "OPEN" | "RESOLVED";

/** A condition a person should know about; at most one open per connection and kind. */
@Entity({ name: "alert" })
export class Alert {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** Null for platform alerts (the job queue), which belong to no account. */
  @Column({ name: "account_id", type: "uuid", nullable: true })
  accountId: string | null;

  @Column({ name: "connection_id", type: "uuid", nullable: true })
  connectionId: string | null;

  @Column({ type: "text" })
  kind: AlertKind;

  @Column({ type: "text", default: "OPEN" })
  status: AlertStatus;

  @Column({ type: "text" })
  reason: string;

  @Column({ name: "opened_at", type: "timestamptz" })
  openedAt: Date;

  @Column({ name: "resolved_at", type: "timestamptz", nullable: true })
  resolvedAt: Date | null;
}
