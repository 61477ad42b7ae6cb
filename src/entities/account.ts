import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** A business using Conflux: the unit of tenancy. Every tenant-owned row carries its id. */
@Entity({ name: "account" })
export class Account {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ type: "text", unique: true })
  name: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
