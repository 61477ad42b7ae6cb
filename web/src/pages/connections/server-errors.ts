import type { CombinedError } from "urql";
import { errorMessage } from "../../components/query-state";
import { fieldForPath, FieldErrors } from "./schema-fields";

/** Strips the path the server puts before its message ("config.listId: Too small" → "Too small"). */
const withoutPath = (message: string, path: string) => (message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message);

/**
 * A mutation's errors split into those next to a form field (BAD_USER_INPUT naming `extensions.field`, each of
 * its `issues`, or the argument validator's `fields`) and the rest, shown at the top of the form. A CONFLICT on
 * registration is the name being taken.
 */
export function splitServerErrors(error: CombinedError, keys: readonly string[], labels: ReadonlyMap<string, string>): { fields: FieldErrors; general: string[] } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  const put = (path: string, message: string): boolean => {
    const key = fieldForPath(path, keys);
    if (!key) return false;
    const text = withoutPath(message, path);
    fields[key] ??= key === path ? `${labels.get(key) ?? key}: ${text}` : `${path.slice(key.length + 1)}: ${text}`;
    return true;
  };
  if (error.graphQLErrors.length === 0) return { fields, general: [errorMessage(error)] };
  for (const e of error.graphQLErrors) {
    const ext = (e.extensions ?? {}) as { code?: string; field?: unknown; issues?: unknown; fields?: unknown };
    let placed = false;
    if (ext.code === "BAD_USER_INPUT") {
      if (Array.isArray(ext.issues)) {
        for (const issue of ext.issues as { path?: unknown; message?: unknown }[]) {
          if (typeof issue.path === "string" && typeof issue.message === "string" && put(issue.path, issue.message)) placed = true;
        }
      }
      if (!placed && typeof ext.field === "string") placed = put(ext.field, e.message);
      if (!placed && Array.isArray(ext.fields)) {
        for (const f of ext.fields as { field?: unknown; messages?: unknown }[]) {
          const text = Array.isArray(f.messages) ? f.messages.join("; ") : e.message;
          if (typeof f.field === "string" && put(f.field, text)) placed = true;
        }
      }
    } else if (ext.code === "CONFLICT" && keys.includes("name")) {
      placed = put("name", e.message);
    }
    if (!placed) general.push(e.message);
  }
  return { fields, general };
}
