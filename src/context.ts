import type { AccountScope } from "./db/account-scope";
import type { Caller } from "./services/accounts/account-service";
import type { Services } from "./services/services";
import type { Loaders } from "./loaders";
import type { Logger } from "./logger";
import { UnauthenticatedError } from "./errors";

/** What every resolver receives: who is calling, their account scope, request-scoped loaders and the services. */
export interface RequestContext {
  requestId: string;
  caller: Caller | null;
  scope: AccountScope | null;
  loaders: Loaders | null;
  services: Services;
  logger: Logger;
}

/** The caller's account scope; resolvers reach data only through it. */
export function scopeOf(ctx: RequestContext): AccountScope {
  if (!ctx.scope) throw new UnauthenticatedError("an API key is required (Authorization: Bearer <key>)");
  return ctx.scope;
}

export function loadersOf(ctx: RequestContext): Loaders {
  if (!ctx.loaders) throw new UnauthenticatedError("an API key is required (Authorization: Bearer <key>)");
  return ctx.loaders;
}
