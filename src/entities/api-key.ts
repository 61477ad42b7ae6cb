import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

export type Role = "ADMIN" | "MEMBER";

/** An API key of an account. Only its SHA-256 hash and a short visible prefix are stored. */
@Entity({ name: "api_key" })
export class ApiKey {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "account_id", type: "uuid" })
  accountId: string;

  @Column({ type: "text" })
  name: string;

  @Column({ type: "text" })
  prefix: string;

  @Column({ name: "key_hash", type: "text", unique: true, select: false })
  keyHash: string;

  @Column({ type: "text" })
  role: Role;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  revokedAt: Date | null;
}
