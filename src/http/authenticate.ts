import type { IncomingMessage } from "node:http";
import type { AccountService, Caller } from "../services/accounts/account-service";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** The bearer token of an Authorization header (`Bearer <key>`, or the bare key). */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return (match ? match[1] : header).trim() || null;
}

/**
 * Who is calling over HTTP. Without a key, and only when CONFLUX_LOOPBACK_DEFAULT_ACCOUNT is on, a request
 * from the loopback interface acts as a MEMBER of the default account, so stock REST clients keep working.
 */
export async function authenticateRequest(
  req: IncomingMessage,
  accounts: AccountService,
  loopbackDefaultAccount: boolean,
): Promise<Caller | null> {
  const token = bearerToken(req.headers.authorization);
  if (token) return accounts.authenticate(token);
  if (loopbackDefaultAccount && LOOPBACK.has(req.socket.remoteAddress ?? "")) return accounts.defaultCaller();
  return null;
}

/** Who is calling over graphql-ws: `connectionParams.authorization` (or `apiKey`) carries the key. */
export async function authenticateConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
  accounts: AccountService,
): Promise<Caller | null> {
  const raw = params?.authorization ?? params?.Authorization ?? params?.apiKey;
  const token = bearerToken(typeof raw === "string" ? raw : null);
  return token ? accounts.authenticate(token) : null;
}
