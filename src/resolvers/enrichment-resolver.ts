import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { RequestContext, scopeOf } from "../context";
import { ConnectionType } from "../schema/connection-types";
import {
  EnrichmentCountsType,
  EnrichmentProgressType,
  EnrichmentRecordPage,
  EnrichmentStatusEnum,
  EnrichmentTransactionPage,
  EnrichmentTransactionType,
  SubmitEnrichmentArgs,
  SubmitEnrichmentResultType,
} from "../schema/enrichment-types";
import type { EnrichmentTransaction } from "../services/enrichment/enrichment-service";
import type { EnrichmentProgress } from "../services/enrichment/enrichment-events";

@Resolver(() => EnrichmentTransactionType)
export class EnrichmentResolver {
  @Authorized()
  @Mutation(() => SubmitEnrichmentResultType, { description: "Adds contacts to the transaction erid (created by its first request); idempotent per contact" })
  submitEnrichment(@Args() args: SubmitEnrichmentArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.enrichment.submit(scopeOf(ctx), args);
  }

  @Authorized()
  @Query(() => EnrichmentTransactionType, { description: "Always answers: an unknown erid has status INEXISTENT" })
  enrichmentTransaction(@Arg("erid") erid: string, @Ctx() ctx: RequestContext) {
    return ctx.services.enrichment.get(scopeOf(ctx), erid);
  }

  @Authorized()
  @Query(() => EnrichmentTransactionPage, { description: "Transactions requested in [from, to), newest first" })
  enrichmentTransactions(
    @Arg("from", () => Date, { nullable: true }) from: Date | undefined,
    @Arg("to", () => Date, { nullable: true }) to: Date | undefined,
    @Arg("status", () => EnrichmentStatusEnum, { nullable: true }) status: EnrichmentStatusEnum | undefined,
    @Arg("first", () => Int, { nullable: true }) first: number | undefined,
    @Arg("after", () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.enrichment.list(scopeOf(ctx), { from, to, status }, first, after);
  }

  @Authorized()
  @Query(() => [ConnectionType], { description: "The account's enrichment providers in the order they are asked" })
  enrichmentWaterfall(@Ctx() ctx: RequestContext) {
    return ctx.services.enrichment.waterfall(scopeOf(ctx));
  }

  @Authorized("ADMIN")
  @Mutation(() => [ConnectionType], { description: "Orders the account's provider connections: a field the first lacks is asked of the next" })
  setEnrichmentWaterfall(@Arg("providerIds", () => [ID]) providerIds: string[], @Ctx() ctx: RequestContext) {
    return ctx.services.enrichment.setWaterfall(scopeOf(ctx), providerIds);
  }

  @FieldResolver(() => EnrichmentCountsType)
  counts(@Root() t: EnrichmentTransaction): EnrichmentCountsType {
    return { received: t.received, enriched: t.enriched, notFound: t.notFound, failed: t.failed, pending: t.received - t.enriched - t.notFound - t.failed };
  }

  @FieldResolver(() => EnrichmentRecordPage, { description: "Records in the order they arrived" })
  records(
    @Root() t: EnrichmentTransaction,
    @Arg("first", () => Int, { nullable: true }) first: number | undefined,
    @Arg("after", () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.enrichment.records(scopeOf(ctx), t, first, after);
  }

  @Authorized()
  @Subscription(() => EnrichmentProgressType, {
    description: "The transaction's counters now, then as they move (at most twice a second); ends when it completes",
    subscribe: ({ args, context }) => watch(context as RequestContext, (args as { erid: string }).erid, "progress"),
  })
  enrichmentProgress(@Root() progress: EnrichmentProgress, @Arg("erid") _erid: string): EnrichmentProgress {
    return progress;
  }

  @Authorized()
  @Subscription(() => EnrichmentProgressType, {
    description: "One event when the transaction completes (at once if it already has), from whichever process completed it",
    subscribe: ({ args, context }) => watch(context as RequestContext, (args as { erid: string }).erid, "completed"),
  })
  enrichmentCompleted(@Root() progress: EnrichmentProgress, @Arg("erid") _erid: string): EnrichmentProgress {
    return progress;
  }
}

function watch(ctx: RequestContext, erid: string, what: "progress" | "completed") {
  const scope = scopeOf(ctx);
  const { enrichment } = ctx.services;
  const current = () => enrichment.progress(scope, erid);
  return what === "progress" ? enrichment.events.watchProgress(scope.accountId, erid, current) : enrichment.events.watchCompleted(scope.accountId, erid, current);
}
