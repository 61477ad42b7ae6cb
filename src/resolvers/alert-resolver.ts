import { Arg, Authorized, Ctx, ID, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import { RequestContext, scopeOf } from "../context";
import { AlertStatusEnum, AlertType } from "../schema/alert-types";
import { Alert } from "../entities/alert";
import { Topics } from "../events/pubsub";

@Resolver(() => AlertType)
export class AlertResolver {
  @Authorized()
  @Query(() => [AlertType], { description: "The caller's alerts, newest first" })
  alerts(
    @Arg("status", () => AlertStatusEnum, { nullable: true }) status: AlertStatusEnum | undefined,
    @Arg("connectionId", () => ID, { nullable: true }) connectionId: string | undefined,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.alerts.list(scopeOf(ctx), { status, connectionId, first });
  }

  @Authorized()
  @Subscription(() => AlertType, {
    topics: Topics.ALERT_CHANGED,
    filter: ({ payload, context }: { payload: Alert; context: RequestContext }) => payload.accountId === context.caller?.accountId,
    description: "Alerts of the caller's account as they open and resolve",
  })
  alertChanged(@Root() payload: Alert): Alert {
    const copy = { ...payload };
    // Events that crossed processes as JSON carry dates as strings.
    copy.openedAt = new Date(copy.openedAt);
    copy.resolvedAt = copy.resolvedAt ? new Date(copy.resolvedAt) : null;
    return copy;
  }
}
