import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import type { Drift } from "./connection";

export type SyncRunStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
export type SyncTrigger = "SCHEDULE" | "MANUAL";

/** One sync of a connection, with what it did and, when it failed, why. */
@Entity({ name: "sync_run" })
export class SyncRun {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Column({ name: "connection_id", type: "uuid" })
  connectionId: string;

  @Column({ type: "text", default: "QUEUED" })
  status: SyncRunStatus;

  @Column({ type: "text" })
  trigger: SyncTrigger;

  @Column({ type: "integer", default: 0 })
  attempts: number;

  @CreateDateColumn({ name: "queued_at", type: "timestamptz" })
  queuedAt: Date;

  @Column({ name: "started_at", type: "timestamptz", nullable: true })
  startedAt: Date | null;

  @Column({ name: "finished_at", type: "timestamptz", nullable: true })
  finishedAt: Date | null;

  @Column({ type: "integer", default: 0 })
  fetched: number;

  @Column({ type: "integer", default: 0 })
  created: number;

  @Column({ type: "integer", default: 0 })
  updated: number;

  @Column({ type: "integer", default: 0 })
  deleted: number;

  @Column({ type: "integer", default: 0 })
  unchanged: number;

  @Column({ name: "api_calls", type: "integer", default: 0 })
  apiCalls: number;

  /** Calls to the destination API (apiCalls counts the source's). */
  @Column({ name: "destination_api_calls", type: "integer", default: 0 })
  destinationApiCalls: number;

  /** Response bytes read from the source. */
  @Column({ type: "bigint", default: 0, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  bytes: number;

  /** Whether this run listed every source id (and so applied deletions). */
  @Column({ type: "boolean", default: false })
  reconciled: boolean;

  @Column({ type: "jsonb", nullable: true })
  drift: Drift | null;

  @Column({ type: "text", nullable: true })
  error: string | null;

  @Column({ type: "jsonb", nullable: true })
  checkpoint: Record<string, unknown> | null;
}
