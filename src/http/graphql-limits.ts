import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, GraphQLSchema, getVariableValues } from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";

/** Refuses operations whose estimated cost (one point per field, list fields by their page size) is too high. */
export function complexityLimitPlugin(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          // Variables that do not coerce cannot be costed; execution refuses them (400 BAD_USER_INPUT) before any
          // field runs, so there is nothing to limit.
          const declared = operation?.variableDefinitions ?? [];
          if (declared.length && getVariableValues(schema, declared, request.variables ?? {}).errors) return;
          const complexity = getComplexity({
            schema,
            operationName: request.operationName,
            query: document,
            variables: request.variables,
            estimators: [
              fieldExtensionsEstimator(),
              ({ args, childComplexity }) => {
                const size = typeof args.first === "number" ? args.first : undefined;
                return size !== undefined ? 1 + childComplexity * Math.max(1, size) : undefined;
              },
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
          if (complexity > max) {
            throw new GraphQLError(`Query is too complex: ${complexity} > ${max}`, {
              extensions: { code: "BAD_USER_INPUT", complexity, max },
            });
          }
        },
      };
    },
  };
}
