import { Repeater } from "@graphql-yoga/subscription";
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { RequestContext, scopeOf } from "../context";
import { topicReader, Topics } from "../events/pubsub";
import {
  AnalyticsBucketType,
  AnalyticsIntervalEnum,
  AppliedRuleType,
  CompanyFilterInput,
  CompanyInput,
  CompanyOrderEnum,
  CompanyPage,
  CompanyScoreChangeType,
  CompanyScoreType,
  CompanyType,
  DailySignalType,
  IngestResultType,
  MarkNoiseArgs,
  NoiseProposalType,
  NoiseRuleType,
  ScoreRuleType,
  ScoringSettingsType,
  SignalContributionType,
  SignalWeightsInput,
  WebEventInput,
} from "../schema/company-types";
import type { Company } from "../services/companies/company-service";
import type { ScoreChange } from "../services/companies/event-ingestion";

@Resolver(() => CompanyType)
export class CompanyResolver {
  @Authorized()
  @Query(() => CompanyPage, { description: "The account's companies by score, filtered; noise left out" })
  companies(
    @Arg("filter", () => CompanyFilterInput, { nullable: true }) filter: CompanyFilterInput | undefined,
    @Arg("orderBy", () => CompanyOrderEnum, { defaultValue: CompanyOrderEnum.SCORE_DESC }) _orderBy: CompanyOrderEnum,
    @Arg("first", () => Int, { nullable: true }) first: number | undefined,
    @Arg("after", () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.companies.list(scopeOf(ctx), filter ?? {}, first, after);
  }

  @Authorized()
  @Query(() => CompanyType, { description: "A merged company's id answers with the company it was merged into" })
  company(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.companies.get(scopeOf(ctx), id);
  }

  @FieldResolver(() => CompanyScoreType)
  score(@Root() company: Company, @Ctx() ctx: RequestContext): CompanyScoreType {
    let detail: ReturnType<CompanyScoreType["detail"]> | undefined;
    return { value: company.score, detail: () => (detail ??= ctx.services.companies.score(scopeOf(ctx), company.id)) };
  }

  @FieldResolver(() => [DailySignalType])
  signals(@Root() company: Company, @Arg("from") from: Date, @Arg("to") to: Date, @Ctx() ctx: RequestContext) {
    return ctx.services.companies.signals(scopeOf(ctx), company.id, from, to);
  }

  @Authorized()
  @Query(() => [AnalyticsBucketType], { description: "Signals, active and new companies, unknown events per day, week or month" })
  analytics(
    @Arg("from") from: Date,
    @Arg("to") to: Date,
    @Arg("interval", () => AnalyticsIntervalEnum, { defaultValue: AnalyticsIntervalEnum.DAY }) interval: AnalyticsIntervalEnum,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.companies.analytics(scopeOf(ctx), from, to, interval);
  }

  @Authorized()
  @Mutation(() => IngestResultType, { description: "Website and CRM activity; events with an id count once" })
  ingestWebEvents(@Arg("events", () => [WebEventInput]) events: WebEventInput[], @Ctx() ctx: RequestContext) {
    return ctx.services.eventIngestion.ingest(scopeOf(ctx), events);
  }

  @Authorized("ADMIN")
  @Mutation(() => Int, { description: "Companies by domain: known domains are updated (these values win), others created" })
  importCompanies(@Arg("companies", () => [CompanyInput]) companies: CompanyInput[], @Ctx() ctx: RequestContext) {
    return ctx.services.companies.directory.importCompanies(scopeOf(ctx), "upload", companies);
  }

  @Authorized("ADMIN")
  @Mutation(() => CompanyType, { description: "Merges `merge` into `keep` for every account; `merge` keeps resolving to `keep`" })
  async mergeCompanies(@Arg("keep", () => ID) keep: string, @Arg("merge", () => ID) merge: string, @Ctx() ctx: RequestContext) {
    const scope = scopeOf(ctx);
    return ctx.services.companies.get(scope, await ctx.services.companies.directory.merge(scope, keep, merge));
  }

  @Authorized()
  @Query(() => [ScoreRuleType])
  scoreRules(@Ctx() ctx: RequestContext) {
    return ctx.services.scoring.rules(scopeOf(ctx));
  }

  @Authorized("ADMIN")
  @Mutation(() => ScoreRuleType, { description: "Adds or replaces the rule for (field, value) and rescores the account's companies" })
  setScoreRule(@Arg("field") field: string, @Arg("value") value: string, @Arg("boostBy", () => Float) boostBy: number, @Ctx() ctx: RequestContext) {
    return ctx.services.scoring.setRule(scopeOf(ctx), field, value, boostBy);
  }

  @Authorized("ADMIN")
  @Mutation(() => Boolean)
  removeScoreRule(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.scoring.removeRule(scopeOf(ctx), id);
  }

  @Authorized()
  @Query(() => ScoringSettingsType)
  scoringSettings(@Ctx() ctx: RequestContext) {
    return ctx.services.scoring.settings(scopeOf(ctx));
  }

  @Authorized("ADMIN")
  @Mutation(() => ScoringSettingsType, { description: "Signal weights and the decay half-life (days); rescores the account" })
  setScoringSettings(
    @Arg("weights", () => SignalWeightsInput, { nullable: true }) weights: SignalWeightsInput | undefined,
    @Arg("halfLifeDays", () => Float, { nullable: true }) halfLifeDays: number | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.scoring.setSettings(scopeOf(ctx), { weights, halfLifeDays });
  }

  @Authorized("ADMIN")
  @Mutation(() => NoiseRuleType, { description: "Ingestion drops events of this domain, IP range or company from now on" })
  markNoise(@Args() { domain, ipRange, companyId, reason }: MarkNoiseArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.noise.mark(scopeOf(ctx), { domain, ipRange, companyId }, reason);
  }

  @Authorized("ADMIN")
  @Mutation(() => NoiseRuleType, { description: "A proposal made a rule" })
  acceptNoiseProposal(
    @Arg("domain", () => String, { nullable: true }) domain: string | undefined,
    @Arg("companyId", () => ID, { nullable: true }) companyId: string | undefined,
    @Arg("reason") reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.noise.mark(scopeOf(ctx), { domain, companyId }, reason, "proposal");
  }

  @Authorized("ADMIN")
  @Mutation(() => NoiseRuleType, { description: "Stops a rule; with reprocess (default), its events since it was made count again" })
  undoNoiseRule(@Arg("id", () => ID) id: string, @Arg("reprocess", { defaultValue: true }) reprocess: boolean, @Ctx() ctx: RequestContext) {
    return ctx.services.noise.undo(scopeOf(ctx), id, reprocess);
  }

  @Authorized()
  @Query(() => [NoiseRuleType])
  noiseRules(@Arg("includeUndone", { defaultValue: false }) includeUndone: boolean, @Ctx() ctx: RequestContext) {
    return ctx.services.noise.rules(scopeOf(ctx), includeUndone);
  }

  @Authorized()
  @Query(() => [NoiseProposalType])
  noiseProposals(@Ctx() ctx: RequestContext) {
    return ctx.services.noise.proposals(scopeOf(ctx));
  }

  @Authorized("ADMIN")
  @Mutation(() => Int, { description: "Identifies the account's archived events since this day again; returns how many" })
  reprocessEvents(@Arg("since") since: Date, @Ctx() ctx: RequestContext) {
    return ctx.services.eventIngestion.reprocess(scopeOf(ctx), since);
  }

  @Authorized()
  @Subscription(() => CompanyScoreChangeType, {
    description: "Companies whose score ingestion moved (at most 100 per batch), at or above minScore",
    subscribe: ({ args, context }) => scoreChanges(context as RequestContext, (args as { minScore?: number }).minScore ?? 0),
  })
  companyScoreChanged(@Root() change: ScoreChange, @Arg("minScore", () => Float, { nullable: true }) _minScore?: number): ScoreChange {
    return change;
  }
}

@Resolver(() => CompanyScoreType)
export class CompanyScoreResolver {
  @FieldResolver(() => [SignalContributionType])
  async breakdown(@Root() score: CompanyScoreType) {
    return (await score.detail()).breakdown;
  }

  @FieldResolver(() => [AppliedRuleType])
  async rules(@Root() score: CompanyScoreType) {
    return (await score.detail()).rules;
  }
}

/** Ingestion publishes a batch's changes at once; a subscriber receives the caller's, one company at a time. */
function scoreChanges(ctx: RequestContext, minScore: number): AsyncIterableIterator<ScoreChange> {
  const accountId = scopeOf(ctx).accountId;
  return new Repeater<ScoreChange>(async (push, stop) => {
    const next = topicReader(ctx.services.pubsub, Topics.COMPANY_SCORES_CHANGED, stop);
    for (let batch = await next(); batch; batch = await next()) {
      const { accountId: of, changes } = batch as { accountId: string; changes: ScoreChange[] };
      if (of !== accountId) continue;
      for (const change of changes) if (change.score >= minScore) await push(change);
    }
  }) as unknown as AsyncIterableIterator<ScoreChange>;
}
