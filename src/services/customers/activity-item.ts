/**
 * One line of customer activity (NDJSON), parsed and validated.
 *
 * Hand-written checks on the result of JSON.parse rather than a zod schema: this runs for every line of
 * multi-million-line imports (hundreds of thousands of lines per second), and a schema library would allocate
 * and walk far more than these few typeof tests.
 */

/** A one-time event; counted once per distinct `eventId`. */
export interface ActivityEvent {
  kind: "event";
  eventId: string;
  userId: string;
  name: string;
  data: Record<string, unknown>;
  /** Whole Unix seconds. */
  timestamp: number;
}

/** Attribute changes; `null` removes the attribute. */
export interface ActivityAttributes {
  kind: "attributes";
  eventId: string;
  userId: string;
  data: Record<string, string | null>;
  /** Whole Unix seconds. */
  timestamp: number;
}

export type ActivityItem = ActivityEvent | ActivityAttributes;

/** A rejected line (or item), 1-based. */
export interface ActivityLineError {
  line: number;
  reason: string;
}

/** Bad lines kept with their reasons; all are counted. */
export const MAX_KEPT_ERRORS = 100;

/** What a reader counts of the lines (or items) that are not items to apply. */
export interface LineTally {
  anonymous: number;
  errorCount: number;
  /** The first MAX_KEPT_ERRORS bad lines. */
  errors: ActivityLineError[];
}

/** The item a parsed line holds, or null once a blank, anonymous or bad line is counted in `tally`. */
export function itemOf(parsed: ActivityItem | ActivityLineError | "anonymous" | null, tally: LineTally): ActivityItem | null {
  if (parsed === null) return null;
  if (parsed === "anonymous") {
    tally.anonymous++;
    return null;
  }
  if ("reason" in parsed) {
    tally.errorCount++;
    if (tally.errors.length < MAX_KEPT_ERRORS) tally.errors.push(parsed);
    return null;
  }
  return parsed;
}

/**
 * Parses one NDJSON line: `null` for a blank line, `"anonymous"` for a valid event without `user_id` (it belongs
 * to no customer), an error for a bad line, otherwise the item.
 */
export function parseActivityLine(text: string, lineNo: number): ActivityItem | ActivityLineError | "anonymous" | null {
  // Checking the first character first keeps trim() (an allocation) off the path of ordinary lines.
  if (text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === "")) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8 quotes part of the line, possibly cutting a surrogate pair: the reason must itself be storable.
    return { line: lineNo, reason: `malformed JSON: ${(error as Error).message.replace(UNSTORABLE_CHARS, "\uFFFD")}` };
  }
  // In JSON text a NUL or a lone surrogate can only arrive as a \u escape, so most lines skip the deep check.
  return validate(parsed, lineNo, text.includes("\\u") && UNSTORABLE_ESCAPE.test(text));
}

/**
 * Validates an already-parsed item (GraphQL input), like `parseActivityLine` after its JSON.parse. Never mutates
 * `obj`: attribute data that needs converting is copied.
 */
export function validateActivityObject(obj: unknown, lineNo: number): ActivityItem | ActivityLineError | "anonymous" {
  return validate(obj, lineNo, true);
}

/** `\u0000` or `\uD800`–`\uDFFF` in raw JSON text. */
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;
/** A NUL or a surrogate that is not half of a pair. */
const UNSTORABLE_CHAR = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_CHARS = new RegExp(UNSTORABLE_CHAR.source, "g");

function validate(obj: unknown, lineNo: number, checkStorable: boolean): ActivityItem | ActivityLineError | "anonymous" {
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    return { line: lineNo, reason: `not a JSON object (got ${describe(obj)})` };
  }
  const o = obj as Record<string, unknown>;
  const type = o.type;
  if (type !== "event" && type !== "attributes") {
    return { line: lineNo, reason: invalid("type", '"event" or "attributes"', type) };
  }

  const rawUser = o.user_id;
  let userId: string | undefined;
  if (rawUser === undefined) {
    if (type === "attributes") return { line: lineNo, reason: "user_id is missing" };
  } else if (typeof rawUser === "string") {
    if (rawUser === "") return { line: lineNo, reason: "user_id must not be empty" };
    userId = rawUser;
  } else if (typeof rawUser === "number" && Number.isFinite(rawUser)) {
    userId = String(rawUser); // 42 and "42" are the same customer
  } else {
    return { line: lineNo, reason: invalid("user_id", "a string or a number", rawUser) };
  }

  const eventId = o.id;
  if (typeof eventId !== "string" || eventId === "") {
    return { line: lineNo, reason: invalid("id", "a non-empty string", eventId) };
  }

  const rawTs = o.timestamp;
  if (typeof rawTs !== "number" || !Number.isFinite(rawTs)) {
    return { line: lineNo, reason: invalid("timestamp", "a number", rawTs) };
  }
  // The database keeps bigint seconds: beyond 2^53 the value is no longer exact, and beyond 2^63 the whole
  // batch would fail, so such a line is rejected alone.
  if (Math.abs(rawTs) > Number.MAX_SAFE_INTEGER) return { line: lineNo, reason: `timestamp out of range (${rawTs})` };
  // Fractions are dropped here, once, so every consumer (database, in-memory oracle) sees the same ties.
  const timestamp = Math.floor(rawTs);

  const data = o.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { line: lineNo, reason: invalid("data", "an object", data) };
  }

  if (type === "event") {
    const name = o.name;
    if (typeof name !== "string" || name === "") {
      return { line: lineNo, reason: invalid("name", "a non-empty string on an event", name) };
    }
    // Validated in full first: an anonymous line that is broken is an error, not silently skipped.
    if (userId === undefined) return "anonymous";
    if (checkStorable && hasUnstorableString([eventId, userId, name, data])) return unstorable(lineNo);
    return { kind: "event", eventId, userId, name, data: data as Record<string, unknown>, timestamp };
  }

  const attributes = attributeData(data as Record<string, unknown>);
  if (typeof attributes === "string") return { line: lineNo, reason: attributes };
  if (checkStorable && hasUnstorableString([eventId, userId, attributes])) return unstorable(lineNo);
  return { kind: "attributes", eventId, userId: userId!, data: attributes, timestamp };
}

/** The data of an attributes item with numbers and booleans as strings, or the reason it is invalid. */
function attributeData(data: Record<string, unknown>): Record<string, string | null> | string {
  let needsConversion = false;
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (typeof value === "string" || value === null) continue;
    if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") {
      needsConversion = true;
      continue;
    }
    return `attribute ${JSON.stringify(truncate(key))}: value must be a string, number, boolean or null (got ${describe(value)})`;
  }
  if (!needsConversion) return data as Record<string, string | null>;
  // Object.fromEntries defines properties, so a key "__proto__" stays a plain attribute.
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, value === null ? null : String(value)]),
  ) as Record<string, string | null>;
}

/** PostgreSQL text and jsonb cannot hold these; one such item would otherwise fail a whole import batch. */
function unstorable(lineNo: number): ActivityLineError {
  return { line: lineNo, reason: "a string contains a NUL character or an unpaired surrogate (\\u0000, \\uD800–\\uDFFF)" };
}

/** Whether any string (key or value, at any depth) has a NUL or an unpaired surrogate. */
function hasUnstorableString(root: unknown): boolean {
  const stack: unknown[] = [root]; // a loop, not recursion: nesting depth is the sender's choice
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") {
      if (UNSTORABLE_CHAR.test(value)) return true;
    } else if (typeof value === "object" && value !== null) {
      for (const key of Object.keys(value)) {
        if (UNSTORABLE_CHAR.test(key)) return true;
        stack.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

function invalid(field: string, expected: string, value: unknown): string {
  return value === undefined ? `${field} is missing` : `${field} must be ${expected} (got ${describe(value)})`;
}

/** A short description of a bad value for error messages (values can be 64 KB long). */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(truncate(value));
  if (typeof value === "object") return "an object";
  return `${typeof value} ${truncate(String(value))}`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
