import crypto from "node:crypto";

/** A content hash independent of key order, so the same record always hashes the same. */
export function hashRecord(data: Record<string, unknown>): string {
  return crypto.createHash("sha1").update(stableJson(data)).digest("base64url");
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
