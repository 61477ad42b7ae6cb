import { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ArgumentValidationError } from "type-graphql";
import { DomainError } from "../errors";

/**
 * The one place domain errors become GraphQL errors: `extensions.code` from the error class, details kept;
 * unexpected errors are masked so internals never leak.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { ...formatted, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof ArgumentValidationError) {
    const fields = original.extensions.validationErrors.map((e) => ({
      field: e.property,
      messages: Object.values(e.constraints ?? {}),
    }));
    return { ...formatted, message: "Argument validation failed", extensions: { code: "BAD_USER_INPUT", fields } };
  }
  const code = formatted.extensions?.code;
  if (code === "INTERNAL_SERVER_ERROR" || code === undefined) {
    return { message: "Internal server error", path: formatted.path, locations: formatted.locations, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  }
  return formatted;
}
