import crypto from "node:crypto";

/** A content hash independent of key order, so the same record always hashes the same. */
export function hashRecord(data: Record<string, unknown>): string {
  return crypto.createHash("sha1").update(stableJson(data)).digest("base64url");
}

/**
 * The archive id of one written version of a record: its change time, the content it replaced and its own
 * content. Writing the same version again (a resumed run) gives the same id; a record changed back to an earlier
 * content, even within one second, does not.
 */
export function versionId(timestamp: number, previousHash: string | undefined, hash: string): string {
  return `sync:${crypto.createHash("sha1").update(`${timestamp}:${previousHash ?? ""}:${hash}`).digest("base64url")}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
