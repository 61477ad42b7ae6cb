import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { RequestContext, loadersOf, scopeOf } from "../context";
import { ActivityInput, ActivityResult, CustomerAttribute, CustomerPage, CustomersArgs, CustomerType, EventCount } from "../schema/customer-types";
import type { Customer } from "../services/customers/customer-service";

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Authorized()
  @Query(() => CustomerPage)
  customers(@Args() args: CustomersArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.page(scopeOf(ctx), args);
  }

  @Authorized()
  @Query(() => CustomerType)
  customer(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.getWithEvents(scopeOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => CustomerType, { description: "A new customer; attributes need a non-empty email, created_at defaults to now" })
  createCustomer(@Arg("id", () => ID) id: string, @Arg("attributes", () => GraphQLJSON) attributes: Record<string, unknown>, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.create(scopeOf(ctx), id, attributes);
  }

  @Authorized()
  @Mutation(() => CustomerType, { description: "Merges attributes into the customer; an attribute set to null is removed" })
  updateCustomer(@Arg("id", () => ID) id: string, @Arg("attributes", () => GraphQLJSON) attributes: Record<string, unknown>, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.update(scopeOf(ctx), id, attributes);
  }

  @Authorized()
  @Mutation(() => CustomerType, { description: "Deletes the customer with its events and history" })
  deleteCustomer(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.customers.delete(scopeOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => ActivityResult, { description: "Applies a small batch of activity items (use the import API for files)" })
  trackActivity(@Arg("items", () => [ActivityInput]) items: ActivityInput[], @Ctx() ctx: RequestContext) {
    return ctx.services.activity.track(scopeOf(ctx), items.map((i) => ({ ...i, user_id: i.userId, userId: undefined })));
  }

  @FieldResolver(() => [CustomerAttribute])
  attributes(@Root() customer: Customer): CustomerAttribute[] {
    return Object.keys(customer.attributes)
      .sort()
      .map((name) => ({ name, value: customer.attributes[name] }));
  }

  @FieldResolver(() => String, { nullable: true })
  email(@Root() customer: Customer) {
    return customer.attributes.email ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  createdAt(@Root() customer: Customer) {
    return customer.attributes.created_at ?? null;
  }

  @FieldResolver(() => [EventCount], { description: "Distinct event counts by name, sorted by name" })
  async events(@Root() customer: Customer & { events?: Record<string, number> }, @Ctx() ctx: RequestContext): Promise<EventCount[]> {
    // Pages and `customer` read the counts with their rows; a customer that came without them (a mutation's answer)
    // has them batched by the loader.
    const counts = customer.events ?? (await loadersOf(ctx).eventCountsByCustomer.load(customer.id));
    return Object.keys(counts)
      .sort()
      .map((name) => ({ name, count: counts[name] }));
  }
}
