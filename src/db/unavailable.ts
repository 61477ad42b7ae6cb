import { isNetworkError } from "../network-errors";

/**
 * Whether an error says the database cannot be reached at the moment (stopped, restarting, failing over, or the
 * network in between) rather than that it refused the statement: what was being written can be written again once
 * it is back. SQLSTATE class 08 (connection exception), 57P01–57P03 (shut down, crashed, not accepting connections
 * yet), the socket's own errors, and node-postgres's word for a connection that ended under a query (no code).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isNetworkError(error)) return true;
  const { code = "", message = "" } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (code.startsWith("08") || SHUTDOWN_CODES.has(code))) return true;
  return typeof message === "string" && /Connection terminated|not queryable/.test(message);
}

const SHUTDOWN_CODES = new Set(["57P01", "57P02", "57P03"]);
