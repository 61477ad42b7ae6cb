import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { Max, Min } from "class-validator";
import { PageType } from "./relay";

export enum CustomerOrderEnum {
  ID_ASC = "ID_ASC",
  ID_DESC = "ID_DESC",
  LAST_UPDATED_DESC = "LAST_UPDATED_DESC",
  LAST_UPDATED_ASC = "LAST_UPDATED_ASC",
}
registerEnumType(CustomerOrderEnum, { name: "CustomerOrder" });

// simpleResolvers: a page of 25 customers resolves thousands of these plain fields; skipping type-graphql's
// middleware stack for them is most of the per-field cost.
@ObjectType({ simpleResolvers: true })
export class CustomerAttribute {
  @Field()
  name: string;

  @Field()
  value: string;
}

@ObjectType({ simpleResolvers: true })
export class EventCount {
  @Field()
  name: string;

  @Field(() => Int, { description: "Distinct events of this name" })
  count: number;
}

@ObjectType("Customer")
export class CustomerType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: "The created_at attribute (unix seconds)" })
  createdAt: string | null;

  @Field(() => [CustomerAttribute], { description: "Every attribute, sorted by name" })
  attributes: CustomerAttribute[];

  @Field(() => Float, { description: "Latest timestamp applied (unix seconds)" })
  lastUpdated: number;
}

export const CustomerPage = PageType(CustomerType, "CustomerPage");

@InputType()
export class CustomerFilterInput {
  @Field()
  attribute: string;

  @Field(() => String, { nullable: true })
  equals?: string | null;

  @Field(() => String, { nullable: true, description: "Case-insensitive substring" })
  contains?: string | null;
}

@ArgsType()
export class CustomersArgs {
  @Field(() => Int, { nullable: true, defaultValue: 25 })
  @Min(0)
  @Max(1000)
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => CustomerFilterInput, { nullable: true })
  filter?: CustomerFilterInput | null;

  @Field(() => CustomerOrderEnum, { nullable: true, defaultValue: CustomerOrderEnum.ID_ASC })
  orderBy: CustomerOrderEnum;
}

@InputType()
export class ActivityInput {
  @Field({ description: "The item's id: events with the same id count once, a repeated item is ignored" })
  id: string;

  @Field({ description: "event or attributes" })
  type: string;

  @Field(() => String, { nullable: true, description: "Event name (events only)" })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: "The customer; events without one are anonymous and skipped" })
  userId?: string | null;

  @Field(() => GraphQLJSON)
  data: unknown;

  @Field(() => Float, { description: "Unix seconds" })
  timestamp: number;
}

@ObjectType()
export class LineErrorType {
  @Field(() => Int)
  line: number;

  @Field()
  reason: string;
}

@ObjectType()
export class ActivityResult {
  @Field(() => ID, { nullable: true, description: "The import record (file and stream imports)" })
  importId: string | null;

  @Field(() => Int)
  received: number;

  @Field(() => Int, { description: "Items new to Conflux" })
  applied: number;

  @Field(() => Int, { description: "Items already seen (same id), ignored" })
  duplicates: number;

  @Field(() => Int)
  anonymous: number;

  @Field(() => Int)
  errorCount: number;

  @Field(() => [LineErrorType], { description: "The first 100 rejected items, by position (1-based)" })
  errors: LineErrorType[];
}
