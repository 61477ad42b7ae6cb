import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { RequestContext, scopeOf } from "../context";
import { ApiKeyType, CreatedApiKey, RoleEnum, Viewer } from "../schema/account-types";

@Resolver()
export class ViewerResolver {
  @Authorized()
  @Query(() => Viewer, { description: "The caller: their account and role" })
  viewer(@Ctx() ctx: RequestContext): Viewer {
    const caller = ctx.caller!;
    return { account: { id: caller.accountId, name: caller.accountName }, role: caller.role as RoleEnum };
  }

  @Authorized("ADMIN")
  @Query(() => [ApiKeyType])
  apiKeys(@Ctx() ctx: RequestContext) {
    return ctx.services.accounts.listKeys(scopeOf(ctx));
  }

  @Authorized("ADMIN")
  @Mutation(() => CreatedApiKey, { description: "Creates a key for the caller's account; the key is returned once" })
  createApiKey(
    @Arg("name") name: string,
    @Arg("role", () => RoleEnum, { defaultValue: RoleEnum.MEMBER }) role: RoleEnum,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.accounts.issueKey(scopeOf(ctx), name, role);
  }

  @Authorized("ADMIN")
  @Mutation(() => ApiKeyType)
  revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.accounts.revokeKey(scopeOf(ctx), id);
  }
}
