import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { Max, Min, MaxLength, MinLength } from "class-validator";
import { PageType } from "./relay";

export enum ConnectionHealthEnum {
  HEALTHY = "HEALTHY",
  LAGGING = "LAGGING",
  FAILING = "FAILING",
  PAUSED = "PAUSED",
}
registerEnumType(ConnectionHealthEnum, { name: "ConnectionHealth" });

export enum SyncRunStatusEnum {
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}
registerEnumType(SyncRunStatusEnum, { name: "SyncRunStatus" });

export enum SyncTriggerEnum {
  SCHEDULE = "SCHEDULE",
  MANUAL = "MANUAL",
}
registerEnumType(SyncTriggerEnum, { name: "SyncTrigger" });

@ObjectType("ConnectorKind")
export class ConnectorKindType {
  @Field()
  kind: string;

  @Field()
  displayName: string;

  @Field()
  description: string;

  @Field(() => [String], { description: "read, listIds, write" })
  capabilities: string[];

  @Field(() => GraphQLJSON, { description: "JSON Schema of the config, for rendering a form" })
  configSchema: unknown;

  @Field(() => GraphQLJSON, { description: "JSON Schema of the secret (values are write-only)" })
  secretSchema: unknown;
}

@ObjectType("SyncRun")
export class SyncRunType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  connectionId: string;

  @Field(() => SyncRunStatusEnum)
  status: SyncRunStatusEnum;

  @Field(() => SyncTriggerEnum)
  trigger: SyncTriggerEnum;

  @Field(() => Int)
  attempts: number;

  @Field()
  queuedAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Int)
  fetched: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  deleted: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  apiCalls: number;

  @Field(() => String, { nullable: true })
  error: string | null;
}

@ObjectType("Connection")
export class ConnectionType {
  @Field(() => ID)
  id: string;

  @Field()
  kind: string;

  @Field()
  name: string;

  @Field(() => GraphQLJSON)
  config: unknown;

  @Field(() => String, { nullable: true })
  schedule: string | null;

  @Field(() => Int)
  lagThresholdSeconds: number;

  @Field()
  paused: boolean;

  @Field(() => Date, { nullable: true, description: "Source changes up to this instant are in Conflux" })
  syncedThrough: Date | null;

  @Field(() => Date, { nullable: true })
  nextSyncAt: Date | null;

  @Field()
  createdAt: Date;
}

export const ConnectionPage = PageType(ConnectionType, "ConnectionPage");

@ObjectType()
export class TestConnectionResult {
  @Field()
  ok: boolean;

  @Field()
  message: string;
}

@ArgsType()
export class RegisterConnectionArgs {
  @Field()
  @MinLength(1)
  kind: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => GraphQLJSON)
  config: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: "Credentials; encrypted at rest, never returned" })
  secret?: unknown;

  @Field(() => String, { nullable: true, description: "Cron expression in UTC; null for manual syncs only" })
  schedule?: string | null;

  @Field(() => Int, { nullable: true, description: "Seconds behind before the connection counts as LAGGING" })
  @Min(60)
  @Max(60 * 60 * 24 * 90)
  lagThreshold?: number;
}

@ArgsType()
export class UpdateConnectionArgs {
  @Field(() => ID)
  id: string;

  @Field({ nullable: true })
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field(() => GraphQLJSON, { nullable: true })
  config?: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  secret?: unknown;

  @Field(() => String, { nullable: true })
  schedule?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(60)
  @Max(60 * 60 * 24 * 90)
  lagThreshold?: number;

  @Field({ nullable: true })
  paused?: boolean;
}
