import type { CombinedError } from "urql";

/** What went wrong, in words a person can act on: the API's own messages, or that the server is unreachable. */
export function errorMessage(error: CombinedError): string {
  if (error.graphQLErrors.length > 0) return error.graphQLErrors.map((e) => e.message).join("; ");
  if (error.networkError) return "Conflux cannot be reached. Check that the server is running, then try again.";
  return error.message;
}

/** The GraphQL error code (extensions.code) of the first error, e.g. NOT_FOUND or BAD_USER_INPUT. */
export function errorCode(error: CombinedError | undefined): string | undefined {
  return error?.graphQLErrors[0]?.extensions?.code as string | undefined;
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function ErrorBanner({ error, onRetry }: { error: CombinedError | string; onRetry?: () => void }) {
  return (
    <div className="error-banner" role="alert">
      <p>{typeof error === "string" ? error : errorMessage(error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
