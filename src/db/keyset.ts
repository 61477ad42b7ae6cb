import { ValidationError } from "../errors";

/** A Relay-style page as services return it; the schema's `<Item>Page` types mirror it. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Opaque keyset cursors: the sort key and id of the last row seen, base64url-encoded JSON. */
export function encodeCursor(key: unknown, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

export function decodeCursor<K = string>(cursor: string | null | undefined): { key: K; id: string } | null {
  if (!cursor) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof id !== "string") throw new Error("bad id");
    return { key, id };
  } catch {
    throw new ValidationError("after: not a valid cursor", { field: "after" });
  }
}

/** Validates a page size. */
export function pageSize(first: number | null | undefined, fallback = 20, max = 1000): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > max) throw new ValidationError(`first: must be between 0 and ${max}`, { field: "first" });
  return n;
}
