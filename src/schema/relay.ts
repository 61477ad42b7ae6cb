import { ClassType, Field, Int, ObjectType } from "type-graphql";

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/**
 * A Relay connection type for `Item`. Conflux names these `<Item>Page` rather than `<Item>Connection`, because
 * "Connection" is already the name of an account's registered connector.
 */
export function PageType<T extends object>(Item: ClassType<T>, name: string) {
  @ObjectType(name.replace(/Page$/, "Edge"))
  class Edge {
    @Field()
    cursor: string;

    @Field(() => Item)
    node: T;
  }

  @ObjectType(name)
  class PageClass {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: "All items matching the filter, not just this page" })
    totalCount: number;
  }
  return PageClass;
}
