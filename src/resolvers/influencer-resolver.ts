import { setTimeout as sleep } from "node:timers/promises";
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { RequestContext, loadersOf, scopeOf } from "../context";
import {
  InfluencerOrderEnum,
  InfluencerPage,
  InfluencerStatsType,
  InfluencerReadingType,
  InfluencerType,
  MetricBucketType,
  MetricIntervalEnum,
  TrackInfluencerRangeArgs,
  TrackInfluencersArgs,
  TrackResultType,
} from "../schema/influencer-types";
import type { Influencer } from "../services/influencers/influencer-service";
import { NotFoundError } from "../errors";

/** How often a live chart's subscription looks for a new reading (readings arrive once per slot). */
const WATCH_MS = 2000;

@Resolver(() => InfluencerType)
export class InfluencerResolver {
  @Authorized()
  @Query(() => InfluencerType, { nullable: true, description: "A tracked influencer by Mockstagram pk; null when not tracked" })
  influencer(@Arg("pk", () => Int) pk: number, @Ctx() ctx: RequestContext) {
    return ctx.services.influencers.get(scopeOf(ctx), pk);
  }

  @Authorized()
  @Query(() => InfluencerPage)
  influencers(
    @Arg("orderBy", () => InfluencerOrderEnum, { defaultValue: InfluencerOrderEnum.FOLLOWERS_DESC }) _orderBy: InfluencerOrderEnum,
    @Arg("first", () => Int, { nullable: true }) first: number | undefined,
    @Arg("after", () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.influencers.page(scopeOf(ctx), first, after);
  }

  @Authorized()
  @Query(() => InfluencerStatsType)
  influencerStats(@Ctx() ctx: RequestContext) {
    return ctx.services.influencers.pollingStatus(scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => TrackResultType)
  trackInfluencers(@Args() { connectionId, pks, intervalSeconds }: TrackInfluencersArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.influencers.track(scopeOf(ctx), connectionId, pks, intervalSeconds);
  }

  @Authorized()
  @Mutation(() => TrackResultType, { description: "Every pk in [from, to] (at most a million), in one statement" })
  async trackInfluencerRange(@Args() { connectionId, from, to, intervalSeconds }: TrackInfluencerRangeArgs, @Ctx() ctx: RequestContext) {
    const { tracked } = await ctx.services.influencers.trackRange(scopeOf(ctx), connectionId, from, to, intervalSeconds);
    return { tracked, updated: 0 };
  }

  @Authorized()
  @Mutation(() => Int, { description: "How many of these were tracked; their series go with them" })
  untrackInfluencers(@Arg("pks", () => [Int]) pks: number[], @Ctx() ctx: RequestContext) {
    return ctx.services.influencers.untrack(scopeOf(ctx), pks);
  }

  @FieldResolver(() => InfluencerReadingType, { nullable: true, description: "The newest reading (within the last two days)" })
  latest(@Root() influencer: Influencer, @Ctx() ctx: RequestContext) {
    return loadersOf(ctx).latestByInfluencer.load(influencer.id);
  }

  @FieldResolver(() => Float, { nullable: true, description: "Average latest follower count of the account's influencers (last snapshot)" })
  async averageFollowerCount(@Ctx() ctx: RequestContext): Promise<number | null> {
    return (await loadersOf(ctx).influencerStats.load("")).averageFollowerCount;
  }

  @FieldResolver(() => [MetricBucketType])
  metrics(
    @Root() influencer: Influencer,
    @Arg("from") from: Date,
    @Arg("to") to: Date,
    @Arg("interval", () => MetricIntervalEnum, { defaultValue: MetricIntervalEnum.MINUTE }) interval: MetricIntervalEnum,
    @Ctx() ctx: RequestContext,
  ) {
    return loadersOf(ctx).metricsByInfluencer.load(`${influencer.id}|${from.getTime()}|${to.getTime()}|${interval}`);
  }

  @Authorized()
  @Subscription(() => InfluencerReadingType, {
    description: "Each new reading of one influencer (for live charts)",
    subscribe: ({ args, context }) => watchLatest(context as RequestContext, (args as { pk: number }).pk),
  })
  influencerMetric(@Root() reading: InfluencerReadingType, @Arg("pk", () => Int) _pk: number): InfluencerReadingType {
    return reading;
  }
}

/**
 * Readings are written by worker processes at thousands a second, too many to publish each across processes; a
 * subscriber instead looks at its one influencer's latest reading every couple of seconds and is sent each new one.
 * A hand-made iterator rather than a generator, so that unsubscribing (`return`) cancels the wait at once.
 */
function watchLatest(ctx: RequestContext, pk: number): AsyncIterableIterator<InfluencerReadingType> {
  const scope = scopeOf(ctx);
  const stopped = new AbortController();
  const done = { done: true as const, value: undefined };
  let id: string | undefined;
  let seen = 0;
  const iterator: AsyncIterableIterator<InfluencerReadingType> = {
    async next() {
      const { influencers } = ctx.services;
      if (!id) {
        const first = await influencers.get(scope, pk);
        if (!first) throw new NotFoundError(`influencer ${pk} is not tracked`);
        id = first.id;
        seen = (await influencers.latest(scope, [id])).get(id)?.ts.getTime() ?? 0;
      }
      for (;;) {
        try {
          await sleep(WATCH_MS, undefined, { signal: stopped.signal });
        } catch {
          return done;
        }
        const latest = (await influencers.latest(scope, [id])).get(id);
        if (latest && latest.ts.getTime() > seen) {
          seen = latest.ts.getTime();
          return { done: false, value: latest };
        }
      }
    },
    async return() {
      stopped.abort();
      return done;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
