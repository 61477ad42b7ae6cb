import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
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

  @Field(() => [String], { description: "read, listIds, count, write, remove, enrich" })
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

  @Field(() => Int, { description: "Calls to the source API" })
  apiCalls: number;

  @Field(() => Int, { description: "Calls to the destination API" })
  destinationApiCalls: number;

  @Field(() => Float, { description: "Response bytes read from the source" })
  bytes: number;

  @Field({ description: "Whether the run listed every source id and applied deletions" })
  reconciled: boolean;

  @Field(() => GraphQLJSON, { nullable: true, description: "Source and held totals per facet when they disagreed" })
  drift: unknown;

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

  @Field(() => ID, { nullable: true, description: "Connection (record-api) that synced records are also written to" })
  destinationId: string | null;

  @Field(() => Int)
  reconcileIntervalSeconds: number;

  @Field(() => Date, { nullable: true, description: "When every source id was last listed to find deletions" })
  reconciledAt: Date | null;

  @Field(() => Int, { description: "How long lag must exceed the threshold before an alert opens" })
  alertGraceSeconds: number;

  @Field(() => Int, { description: "Consecutive failed runs that open a FAILING alert" })
  failuresBeforeAlert: number;

  @Field(() => Int)
  consecutiveFailures: number;

  @Field(() => GraphQLJSON, { nullable: true, description: "The last drift check's mismatch, null when in sync" })
  drift: unknown;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class Freshness {
  @Field(() => Date, { nullable: true, description: "Source changes up to this instant are in Conflux" })
  syncedThrough: Date | null;

  @Field(() => Int)
  lagSeconds: number;

  @Field(() => ConnectionHealthEnum)
  health: string;
}

@ObjectType()
export class FacetCount {
  @Field()
  facet: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "What a connection holds, with how fresh it is: an answer over synced data carries its age" })
export class SyncedRecords {
  @Field(() => Int)
  count: number;

  @Field(() => [FacetCount], { description: "Per source bucket, e.g. Mailchimp member status" })
  byFacet: FacetCount[];

  @Field(() => Freshness)
  freshness: Freshness;
}

export const ConnectionPage = PageType(ConnectionType, "ConnectionPage");

@ObjectType()
export class TestConnectionResult {
  @Field()
  ok: boolean;

  @Field()
  message: string;
}

/** How a connection syncs and alerts: the same settings at registration and on update. */
@ArgsType()
export class SyncSettingsArgs {
  @Field(() => ID, { nullable: true, description: "A record-api connection of this account to write synced records to" })
  destinationId?: string | null;

  @Field(() => Int, { nullable: true, description: "Seconds between full id listings that find deletions" })
  @Min(60)
  reconcileIntervalSeconds?: number;

  @Field(() => Int, { nullable: true, description: "Seconds lag must stay over the threshold before an alert opens" })
  @Min(0)
  alertGraceSeconds?: number;

  @Field(() => Int, { nullable: true, description: "Consecutive failed runs that open a FAILING alert" })
  @Min(1)
  @Max(100)
  failuresBeforeAlert?: number;
}

@ArgsType()
export class RegisterConnectionArgs extends SyncSettingsArgs {
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
export class UpdateConnectionArgs extends SyncSettingsArgs {
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
