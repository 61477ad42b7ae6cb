import { AuthChecker, buildSchema } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import type { RequestContext } from "../context";
import type { PubSub } from "../events/pubsub";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import { ViewerResolver } from "../resolvers/viewer-resolver";
import { ConnectionResolver, SyncRunResolver } from "../resolvers/connection-resolver";
import { CustomerResolver } from "../resolvers/customer-resolver";
import { AlertResolver } from "../resolvers/alert-resolver";
import { InfluencerResolver } from "../resolvers/influencer-resolver";
import { EnrichmentResolver } from "../resolvers/enrichment-resolver";
import { CompanyResolver, CompanyScoreResolver } from "../resolvers/company-resolver";

/** Every resolver; the schema builder is the only importer of resolvers. */
export const resolvers = [ViewerResolver, ConnectionResolver, SyncRunResolver, CustomerResolver, AlertResolver, InfluencerResolver, EnrichmentResolver, CompanyResolver, CompanyScoreResolver] as const;

/** `@Authorized()` needs a key; `@Authorized("ADMIN")` needs an admin key. */
const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  if (!context.caller) throw new UnauthenticatedError("a valid API key is required (Authorization: Bearer <key>)");
  if (roles.length > 0 && !roles.includes(context.caller.role)) {
    throw new ForbiddenError(`this operation needs the ${roles.join(" or ")} role`);
  }
  return true;
};

export function buildConfluxSchema(pubSub: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers],
    validate: { forbidUnknownValues: false },
    authChecker,
    authMode: "error",
    pubSub: { publish: pubSub.publish, subscribe: pubSub.subscribe } as never,
  });
}
