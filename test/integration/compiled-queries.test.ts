import { execute, ExecutionResult, getOperationAST, parse } from "graphql";
import type { GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { AccountScope } from "../../src/db/account-scope";
import { compiledQueryGateway } from "../../src/http/compiled-queries";
import { createLoaders } from "../../src/loaders";
import type { RequestContext } from "../../src/context";
import { startTestConflux, TestConflux } from "../helpers/test-conflux";
import { TrackActivityDocument } from "../generated/graphql";

let t: TestConflux;
beforeAll(async () => {
  t = await startTestConflux();
  const items = [
    ...Array.from({ length: 12 }, (_, i) => ({
      id: `attr-${i}`,
      type: "attributes",
      userId: `p${String(i).padStart(2, "0")}`,
      data: { email: `p${i}@x.test`, plan: i % 3 ? "free" : "pro", "név": "ünïcode ✓" },
      timestamp: 100 + i,
    })),
    ...["p00", "p00", "p02", "p05"].map((userId, i) => ({ id: `ev-${i}`, type: "event", name: i % 2 ? "page" : "signup", userId, data: {}, timestamp: 50 })),
  ];
  await t.gql(TrackActivityDocument, { items });
});
afterAll(() => t.close());

/** A fresh request context for the default account, as the HTTP server builds one per request. */
function contextOf(): RequestContext {
  const services = t.conflux.services;
  const scope = AccountScope.of(services.dataSource, t.defaultAccountId);
  return {
    requestId: "compiled-queries-test",
    caller: { accountId: t.defaultAccountId, accountName: "default", role: "ADMIN", keyId: "test" },
    scope,
    loaders: createLoaders(scope, services),
    services,
    logger: t.conflux.logger,
  };
}

/** What a client sees of a result: data, and each error's message, path, locations and code. */
function visible(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((e) => ({ message: e.message, path: e.path, locations: e.locations, code: e.originalError && (e.originalError as { code?: string }).code })),
  };
}

/** Each document with what its answer must hold, so an empty answer on both sides cannot pass. */
const DOCUMENTS: { name: string; query: string; variables?: Record<string, unknown>; holds: RegExp }[] = [
  {
    name: "a page with aliases, fragments and every customer field",
    query: `query Page($n: Int) { page: customers(first: $n) { totalCount pageInfo { hasNextPage endCursor }
              edges { cursor node { ...Whole } } } }
            fragment Whole on Customer { id email createdAt lastUpdated attributes { name value } events { name count } }`,
    variables: { n: 5 },
    holds: /^\{"data":\{"page":\{"totalCount":12,.*"id":"p00".*"events":\[\{"name":"page","count":1\},\{"name":"signup","count":1\}\]/,
  },
  {
    name: "skip and include driven by variables, with a filter",
    query: `query F($full: Boolean!, $plan: String) { customers(first: 20, filter: { attribute: "plan", equals: $plan }) {
              totalCount edges { node { id attributes @include(if: $full) { name value } events @skip(if: $full) { name } } } } }`,
    variables: { full: true, plan: "pro" },
    holds: /"totalCount":4,.*"name":"név","value":"ünïcode ✓"/,
  },
  {
    name: "a field error in a non-null field, which nulls the whole answer",
    query: `{ here: customer(id: "p02") { id events { name count } } missing: customer(id: "nobody") { id } viewer { role } }`,
    holds: /^\{"data":null,"errors":\[\{"message":"customer nobody not found","path":\["missing"\].*"code":"NOT_FOUND"\}\]\}$/,
  },
  {
    name: "a refused argument",
    query: `{ customers(first: 5000) { totalCount } }`,
    holds: /^\{"data":null,"errors":\[\{"message":"Argument Validation Error","path":\["customers"\]/,
  },
  {
    name: "introspection",
    query: `{ __type(name: "Customer") { name fields { name type { kind name ofType { name } } } } }`,
    holds: /"name":"Customer","fields":\[.*"name":"lastUpdated"/,
  },
];

describe("compiled queries", () => {
  const gateway = () => compiledQueryGateway(t.conflux.schema);

  it.each(DOCUMENTS)("answers $name exactly as graphql-js does", async ({ query, variables, holds }) => {
    const { executor } = await gateway().load({ apollo: { key: undefined, keyHash: undefined, graphRef: undefined } as never });
    const document = parse(query);
    const operation = getOperationAST(document)!;
    const request = { document, operation, operationName: null, context: contextOf(), request: { query, variables } };
    const compiled = await executor!(request as unknown as GatewayGraphQLRequestContext);
    const reference = await execute({ schema: t.conflux.schema, document, contextValue: contextOf(), variableValues: variables });
    expect(visible(compiled)).toEqual(visible(reference));
    expect(JSON.stringify(visible(compiled))).toMatch(holds);
  });

  it("hands errors to Apollo as graphql-js errors, extensions included", async () => {
    const { executor } = await gateway().load({ apollo: {} as never });
    const query = `{ customer(id: "nobody") { id } }`;
    const document = parse(query);
    const request = { document, operation: getOperationAST(document)!, operationName: null, context: contextOf(), request: { query } };
    const result = await executor!(request as unknown as GatewayGraphQLRequestContext);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toEqual({});
    expect(result.errors![0].path).toEqual(["customer"]);
    expect((result.errors![0].originalError as { code?: string }).code).toBe("NOT_FOUND");
  });
});
