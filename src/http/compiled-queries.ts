import { DocumentNode, execute, ExecutionResult, GraphQLError, GraphQLSchema } from "graphql";
import { compileQuery, CompiledQuery, isCompiledQuery } from "graphql-jit";
import type { GatewayExecutionResult, GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";

/**
 * Runs queries as functions compiled once per document (graphql-jit) instead of walking the document for every
 * request: a page of 25 customers resolves ~3,800 fields, and graphql-js's per-field bookkeeping was most of a
 * request's CPU. Mutations and anything graphql-jit cannot compile go through graphql-js's own `execute`, so
 * their ordering and error semantics stay the reference ones; subscriptions never come this way (graphql-ws).
 *
 * Apollo Server takes a custom executor only from a gateway, so this is a gateway in name: it serves the one
 * local schema, which never changes while the server runs.
 */
export function compiledQueryGateway(schema: GraphQLSchema): GatewayInterface {
  // Apollo keeps parsed documents in its own bounded store and hands out the same object for the same query,
  // so compiled functions live exactly as long as their document does.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? "";
    if (!byOperation.has(key)) {
      const result = compileQuery(schema, document, operationName);
      byOperation.set(key, isCompiledQuery(result) ? result : null);
    }
    return byOperation.get(key)!;
  };

  const executor: GatewayExecutor = async (request) => {
    const { document, operation, operationName, context } = request;
    const variables = request.request.variables;
    const query = operation.operation === "query" ? compiledFor(document, operationName ?? undefined) : null;
    const reference = async () =>
      (await execute({ schema, document, operationName, contextValue: context, variableValues: variables })) as GatewayExecutionResult;
    if (!query) return reference();
    const result = await query.query(undefined, context, variables);
    // No data at all means the request failed before any field ran (variables that do not coerce): graphql-js
    // answers it again, so such errors read as everywhere else and Apollo answers them 400 BAD_USER_INPUT. Queries
    // have no side effects, so running one twice is safe.
    if (result.data === undefined && result.errors?.length) return reference();
    return withReferenceErrors(result);
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => undefined;
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors leave `extensions` undefined where graphql-js always has an object, which Apollo's error
 * formatting relies on: they become graphql-js errors with the same message, path, locations and cause.
 */
function withReferenceErrors(result: ExecutionResult): GatewayExecutionResult {
  if (!result.errors?.length) return result as GatewayExecutionResult;
  const errors = result.errors.map((error) => {
    const reference = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
    (reference as { locations?: GraphQLError["locations"] }).locations = error.locations;
    return reference;
  });
  return { ...result, errors } as GatewayExecutionResult;
}
