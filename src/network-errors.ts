const SOCKET_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * A failure of the connection itself (reset, refused, timed out, unreachable), whoever was at the other end (an
 * HTTP source through undici, PostgreSQL through node-postgres): worth trying again later.
 */
export function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" && (code.startsWith("UND_ERR") || SOCKET_CODES.has(code));
}
