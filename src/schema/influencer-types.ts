import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageType } from "./relay";

export enum MetricIntervalEnum {
  MINUTE = "MINUTE",
  HOUR = "HOUR",
  DAY = "DAY",
}
registerEnumType(MetricIntervalEnum, { name: "MetricInterval", description: "MINUTE reads raw readings; HOUR and DAY read rollups" });

export enum InfluencerOrderEnum {
  FOLLOWERS_DESC = "FOLLOWERS_DESC",
}
registerEnumType(InfluencerOrderEnum, { name: "InfluencerOrder" });

@ObjectType("InfluencerReading", { description: "One reading, stamped by Conflux with the slot it fills" })
export class InfluencerReadingType {
  @Field()
  ts: Date;

  @Field(() => Float)
  followerCount: number;

  @Field(() => Float)
  followingCount: number;

  @Field(() => Float, { nullable: true, description: "followerCount / followingCount as a float; null when following is 0" })
  followerRatio: number | null;
}

@ObjectType("MetricStat")
export class MetricStatType {
  @Field(() => Float, { nullable: true })
  min: number | null;

  @Field(() => Float, { nullable: true })
  max: number | null;

  @Field(() => Float, { nullable: true })
  avg: number | null;

  @Field(() => Float, { nullable: true, description: "The latest value in the bucket" })
  last: number | null;
}

@ObjectType("MetricBucket", { description: "One bucket of the series; buckets without readings are absent" })
export class MetricBucketType {
  @Field()
  ts: Date;

  @Field(() => MetricStatType)
  followerCount: MetricStatType;

  @Field(() => MetricStatType)
  followingCount: MetricStatType;

  @Field(() => MetricStatType)
  followerRatio: MetricStatType;
}

@ObjectType("SuspiciousFlag")
export class SuspiciousFlagType {
  @Field()
  value: boolean;

  @Field()
  checkedAt: Date;
}

@ObjectType("InfluencerError", { description: "Why the last poll failed (an unknown pk, a failing source)" })
export class InfluencerErrorType {
  @Field()
  message: string;

  @Field()
  at: Date;

  @Field(() => Int)
  consecutiveFailures: number;
}

@ObjectType("Influencer")
export class InfluencerType {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  pk: number;

  @Field(() => String, { nullable: true })
  username: string | null;

  @Field(() => ID)
  connectionId: string;

  @Field(() => Int)
  intervalSeconds: number;

  @Field()
  trackedAt: Date;

  @Field(() => InfluencerReadingType, { nullable: true })
  latest: InfluencerReadingType | null;

  @Field(() => Int, { nullable: true, description: "By followers in the account, from the last snapshot (refreshed every minute); ties share a rank" })
  rank: number | null;

  @Field(() => InfluencerErrorType, { nullable: true })
  error: InfluencerErrorType | null;

  @Field(() => SuspiciousFlagType, { nullable: true, description: "Checked once a day; null until the first check" })
  suspicious: SuspiciousFlagType | null;
}


export const InfluencerPage = PageType(InfluencerType, "InfluencerPage");

@ObjectType("TrackResult")
export class TrackResultType {
  @Field(() => Int, { description: "Influencers newly tracked" })
  tracked: number;

  @Field(() => Int, { description: "Influencers already tracked whose interval or connection changed" })
  updated: number;
}

@ObjectType("InfluencerStats", { description: "The account's influencers as a whole, and how their polling keeps up" })
export class InfluencerStatsType {
  @Field(() => Int, { description: "Influencers tracked" })
  trackedCount: number;

  @Field(() => Float, { nullable: true, description: "Average latest follower count (last snapshot); null before the first" })
  averageFollowerCount: number | null;

  @Field(() => Int, {
    description: "Slots that have come and wait for a poller (the pollers are shared: this counts every account's, as a status page would)",
  })
  due: number;

  @Field(() => Float, { description: "How long the oldest waiting slot has waited, in seconds (the shared pollers' lag)" })
  lagSeconds: number;

  @Field(() => Int, { description: "Slots without a reading in the last hour (gaps)" })
  missedSlotsLastHour: number;

  @Field(() => Int, { description: "Influencers whose last poll failed" })
  failing: number;
}

@ArgsType()
export class TrackInfluencersArgs {
  @Field(() => ID, { description: "The mockstagram connection to read them through" })
  connectionId: string;

  @Field(() => [Int])
  pks: number[];

  @Field(() => Int, { defaultValue: 60 })
  intervalSeconds: number;
}

@ArgsType()
export class TrackInfluencerRangeArgs {
  @Field(() => ID)
  connectionId: string;

  @Field(() => Int)
  from: number;

  @Field(() => Int)
  to: number;

  @Field(() => Int, { defaultValue: 60 })
  intervalSeconds: number;
}
