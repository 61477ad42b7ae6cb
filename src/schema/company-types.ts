import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON, GraphQLJSONObject } from "graphql-scalars";
import { PageType } from "./relay";

export enum CompanyOrderEnum {
  SCORE_DESC = "SCORE_DESC",
}
registerEnumType(CompanyOrderEnum, { name: "CompanyOrder" });

export enum AnalyticsIntervalEnum {
  DAY = "day",
  WEEK = "week",
  MONTH = "month",
}
registerEnumType(AnalyticsIntervalEnum, { name: "AnalyticsInterval" });

@ObjectType("ScoreRule", { description: "A boost (boostBy > 0) or demotion (< 0; -1 hides) of the companies whose field has this value; boosts multiply" })
export class ScoreRuleType {
  @Field(() => ID)
  id: string;

  @Field({ description: "industry, country, region, sub_region, domain, company, employees_min, employees_max" })
  field: string;

  @Field()
  value: string;

  @Field(() => Float)
  boostBy: number;
}

@ObjectType("SignalContribution")
export class SignalContributionType {
  @Field({ description: "visits, clicks, contacts, form_submissions, chats, custom" })
  signal: string;

  @Field(() => Float, { description: "Weight × decayed count, before boosts" })
  contribution: number;
}

@ObjectType("AppliedRule")
export class AppliedRuleType {
  @Field(() => ScoreRuleType)
  rule: ScoreRuleType;

  @Field(() => Float)
  boost: number;
}

@ObjectType("CompanyScore")
export class CompanyScoreType {
  @Field(() => Float, { description: "Today's score for the caller's account" })
  value: number;

  /** Breakdown and rules, computed once on demand (one query for both). */
  detail: () => Promise<{ breakdown: SignalContributionType[]; rules: AppliedRuleType[] }>;
}

/** The signal counts daily signals and analytics buckets share. */
@ObjectType()
abstract class SignalCountsType {
  @Field(() => Int)
  visits: number;

  @Field(() => Int)
  clicks: number;

  @Field(() => Int)
  contacts: number;

  @Field(() => Int)
  formSubmissions: number;

  @Field(() => Int)
  chats: number;
}

@ObjectType("DailySignal")
export class DailySignalType extends SignalCountsType {
  @Field()
  day: string;

  @Field(() => GraphQLJSONObject, { description: "Custom signals by name" })
  extra: Record<string, number>;
}

@ObjectType("Company", { description: "One real company; CRM records are the caller account's only" })
export class CompanyType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => [String])
  aliases: string[];

  @Field(() => [String], { description: "Registrable domains" })
  domains: string[];

  @Field(() => [String])
  ipRanges: string[];

  @Field(() => Int, { nullable: true })
  employees: number | null;

  @Field(() => String, { nullable: true })
  industry: string | null;

  @Field(() => String, { nullable: true })
  country: string | null;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true })
  subRegion: string | null;

  @Field(() => GraphQLJSONObject, { description: "Per field: the source that set it and when" })
  provenance: Record<string, unknown>;

  @Field(() => GraphQLJSON, { description: "The caller account's CRM records of this company: [{connectionId, crmId, fields}]" })
  crm: unknown[];

  @Field({ description: "Marked as noise by the account (left out of lists)" })
  noise: boolean;

  @Field()
  firstSeenAt: Date;
}

export const CompanyPage = PageType(CompanyType, "CompanyPage");

@InputType("EmployeesRange")
export class EmployeesRangeInput {
  @Field(() => Int, { nullable: true })
  min?: number;

  @Field(() => Int, { nullable: true })
  max?: number;
}

@InputType("CompanyFilter")
export class CompanyFilterInput {
  @Field({ nullable: true })
  industry?: string;

  @Field({ nullable: true })
  country?: string;

  @Field({ nullable: true })
  region?: string;

  @Field(() => EmployeesRangeInput, { nullable: true })
  employees?: EmployeesRangeInput;

  @Field(() => Float, { nullable: true })
  minScore?: number;

  @Field({ nullable: true, description: "Part of the name, or a domain" })
  search?: string;
}

@InputType("WebEventInput")
export class WebEventInput {
  @Field({ nullable: true, description: "An id makes the event count once however often it is sent" })
  id?: string;

  @Field({ description: "visit, click, contact, form_submission, chat, or a custom signal name" })
  type: string;

  @Field()
  occurredAt: Date;

  @Field({ nullable: true })
  ip?: string;

  @Field({ nullable: true })
  email?: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  payload?: Record<string, unknown>;
}

@ObjectType("InvalidEvent")
export class InvalidEventType {
  @Field(() => Int, { description: "0-based position (a line number for NDJSON uploads)" })
  index: number;

  @Field()
  message: string;
}

@ObjectType("IngestResult")
export class IngestResultType {
  @Field(() => Int)
  accepted: number;

  @Field(() => Int)
  duplicates: number;

  @Field(() => Int)
  identified: number;

  @Field(() => Int, { description: "Stored but dropped by a noise rule" })
  dropped: number;

  @Field(() => Int, { description: "Stored, no company found (free mail, no matching domain or range)" })
  unknown: number;

  @Field(() => [InvalidEventType])
  invalid: InvalidEventType[];
}

@InputType("CompanyInput")
export class CompanyInput {
  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  website?: string;

  @Field(() => [String], { nullable: true })
  domains?: string[];

  @Field(() => [String], { nullable: true })
  ipRanges?: string[];

  @Field(() => Int, { nullable: true })
  employees?: number;

  @Field({ nullable: true })
  industry?: string;

  @Field({ nullable: true })
  country?: string;

  @Field({ nullable: true })
  region?: string;

  @Field({ nullable: true })
  subRegion?: string;
}

@ObjectType("NoiseRule")
export class NoiseRuleType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  domain: string | null;

  @Field(() => String, { nullable: true })
  ipRange: string | null;

  @Field(() => ID, { nullable: true })
  companyId: string | null;

  @Field()
  reason: string;

  @Field({ description: "manual or proposal" })
  source: string;

  @Field(() => Int, { description: "Events it dropped" })
  hits: number;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  undoneAt: Date | null;
}

@ObjectType("NoiseProposal")
export class NoiseProposalType {
  @Field(() => String, { nullable: true })
  domain: string | null;

  @Field(() => ID, { nullable: true })
  companyId: string | null;

  @Field()
  reason: string;
}

@ObjectType("ScoringSettings")
export class ScoringSettingsType {
  @Field(() => GraphQLJSONObject, { description: "Weight per signal: visits, clicks, contacts, formSubmissions, chats, custom" })
  weights: Record<string, number>;

  @Field(() => Float)
  halfLifeDays: number;
}

@InputType("SignalWeightsInput")
export class SignalWeightsInput {
  @Field(() => Float, { nullable: true })
  visits?: number;

  @Field(() => Float, { nullable: true })
  clicks?: number;

  @Field(() => Float, { nullable: true })
  contacts?: number;

  @Field(() => Float, { nullable: true })
  formSubmissions?: number;

  @Field(() => Float, { nullable: true })
  chats?: number;

  @Field(() => Float, { nullable: true })
  custom?: number;
}

@ObjectType("AnalyticsBucket")
export class AnalyticsBucketType extends SignalCountsType {
  @Field()
  start: string;

  @Field(() => Int, { description: "Custom signals, all names" })
  custom: number;

  @Field(() => Int)
  activeCompanies: number;

  @Field(() => Int)
  newCompanies: number;

  @Field(() => Int)
  unknownEvents: number;
}

@ObjectType("CompanyScoreChange")
export class CompanyScoreChangeType {
  @Field(() => ID)
  companyId: string;

  @Field(() => Float)
  score: number;
}

@ArgsType()
export class MarkNoiseArgs {
  @Field({ nullable: true })
  domain?: string;

  @Field({ nullable: true })
  ipRange?: string;

  @Field(() => ID, { nullable: true })
  companyId?: string;

  @Field()
  reason: string;
}
