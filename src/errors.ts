/**
 * The few domain errors services throw. They are mapped to GraphQL `extensions.code` and HTTP statuses in one
 * place (`toGraphQLError`, `httpStatusOf`), so a service never knows which API called it.
 */
export type ErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "UNAUTHENTICATED";

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly code = "BAD_USER_INPUT" as const;
}
export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND" as const;
}
export class ConflictError extends DomainError {
  readonly code = "CONFLICT" as const;
}
export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN" as const;
}
export class UnauthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED" as const;
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

export function httpStatusOf(error: unknown): number {
  return error instanceof DomainError ? HTTP_STATUS[error.code] : 500;
}
