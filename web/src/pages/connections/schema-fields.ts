/**
 * JSON Schema (as the API gives a connector kind's configSchema and secretSchema) to form field descriptions, and
 * form values back to the JSON the API takes. Pure: no React, no DOM, so it is tested on its own.
 *
 * Simple properties become inputs (string, number, integer, boolean, enum, a set of enum values); anything else
 * (nested objects, maps, unions, free arrays) becomes a JSON text area, so every kind stays registrable.
 */

export type FieldKind = "string" | "number" | "integer" | "boolean" | "enum" | "multi-enum" | "json";

export interface FieldDescription {
  /** Unique in the form and the path the API names in errors: `config.listId`, `secret.apiKey`. */
  key: string;
  /** The property name in the JSON sent. */
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** Entered as a password (a secret's strings). */
  secret: boolean;
  description?: string;
  default?: unknown;
  /** enum and multi-enum */
  options?: string[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  /** For json fields: the JSON type the value must have ("object", "array"), when the schema says. */
  jsonType?: string;
  /** For json fields: the object shapes it takes, e.g. `{ kind: "records-url", url, recordsPath? }`. */
  shapes?: string[];
}

/** What the form holds for a field: text for inputs and text areas, a flag for checkboxes, the chosen values of a set. */
export type FieldValue = string | boolean | string[];
export type FormValues = Record<string, FieldValue>;
export type FieldErrors = Record<string, string>;

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

/** The schema without a null alternative (`anyOf: [X, {type: "null"}]`, `type: [X, "null"]`). */
function withoutNull(schema: Schema): Schema {
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== "null");
    if (types.length === 1) return { ...schema, type: types[0] };
  }
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(union)) {
    const rest = union.filter((s) => !(isSchema(s) && s.type === "null"));
    if (rest.length === 1 && isSchema(rest[0])) {
      const { anyOf: _a, oneOf: _o, ...outer } = schema;
      return { ...outer, ...rest[0] };
    }
  }
  return schema;
}

const ACRONYMS: Record<string, string> = { id: "ID", url: "URL", uri: "URI", api: "API", ttl: "TTL", ip: "IP", json: "JSON", http: "HTTP" };

/** `listId` → "List ID", `cacheTtlSeconds` → "Cache TTL seconds", `api_key` → "API key". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  if (words.length === 0) return name;
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(" ");
}

const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const str = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

/** `{ kind: "records-url", url, recordsPath? }`: an object schema's keys, constants and optional marks. */
function shapeOf(schema: Schema): string | undefined {
  if (!isSchema(schema.properties)) return undefined;
  const required = Array.isArray(schema.required) ? schema.required : [];
  const keys = Object.entries(schema.properties).map(([name, p]) => {
    if (isSchema(p) && p.const !== undefined) return `${name}: ${JSON.stringify(p.const)}`;
    return required.includes(name) ? name : `${name}?`;
  });
  return keys.length ? `{ ${keys.join(", ")} }` : undefined;
}

function shapesOf(schema: Schema): string[] | undefined {
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  const variants = Array.isArray(union) ? union.filter(isSchema) : [schema];
  const shapes = variants.map(shapeOf).filter((s): s is string => !!s);
  return shapes.length ? shapes : undefined;
}

function kindOf(schema: Schema): { kind: FieldKind; options?: string[] } {
  const enumValues = Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string") ? (schema.enum as string[]) : undefined;
  if (enumValues) return { kind: "enum", options: enumValues };
  switch (schema.type) {
    case "string":
      return { kind: "string" };
    case "integer":
      return { kind: "integer" };
    case "number":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "array": {
      const items = isSchema(schema.items) ? schema.items : undefined;
      if (items && Array.isArray(items.enum) && items.enum.every((v) => typeof v === "string")) {
        return { kind: "multi-enum", options: items.enum as string[] };
      }
      return { kind: "json" };
    }
    default:
      return { kind: "json" };
  }
}

/**
 * The fields of an object schema's properties, in their order. `group` prefixes the keys ("config", "secret");
 * `secret` makes every string field a password input.
 */
export function describeFields(schema: unknown, group: string, options: { secret?: boolean } = {}): FieldDescription[] {
  if (!isSchema(schema) || !isSchema(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? (schema.required as unknown[]).filter((r): r is string => typeof r === "string") : []);
  return Object.entries(schema.properties)
    .filter((entry): entry is [string, Schema] => isSchema(entry[1]))
    .map(([name, raw]) => {
      const property = withoutNull(raw);
      const { kind, options: choices } = kindOf(property);
      const field: FieldDescription = {
        key: `${group}.${name}`,
        name,
        label: str(property.title) ?? humanise(name),
        kind,
        required: required.has(name),
        secret: !!options.secret && (kind === "string" || kind === "json"),
      };
      const description = str(property.description);
      if (description) field.description = description;
      if (property.default !== undefined) field.default = property.default;
      if (choices) field.options = choices;
      const items = isSchema(property.items) ? property.items : {};
      const constraints: Partial<FieldDescription> = {
        format: str(property.format),
        minLength: num(property.minLength),
        maxLength: num(property.maxLength),
        pattern: str(property.pattern),
        minimum: num(property.minimum),
        maximum: num(property.maximum),
        exclusiveMinimum: num(property.exclusiveMinimum),
        exclusiveMaximum: num(property.exclusiveMaximum),
        minItems: num(property.minItems),
        maxItems: num(property.maxItems),
        jsonType: kind === "json" && typeof property.type === "string" ? property.type : undefined,
        shapes: kind === "json" ? shapesOf(property) : undefined,
      };
      if (kind === "multi-enum" && constraints.minItems === undefined) constraints.minItems = num(items.minItems);
      for (const [k, v] of Object.entries(constraints)) if (v !== undefined) (field as unknown as Record<string, unknown>)[k] = v;
      return field;
    });
}

/** The value a field starts with: its default, else empty. */
export function initialValue(field: FieldDescription): FieldValue {
  const d = field.default;
  switch (field.kind) {
    case "boolean":
      return d === true;
    case "multi-enum":
      return Array.isArray(d) ? d.filter((v): v is string => typeof v === "string") : [];
    case "json":
      return d === undefined ? "" : JSON.stringify(d, null, 2);
    default:
      return d === undefined || d === null ? "" : String(d);
  }
}

export function initialValues(fields: readonly FieldDescription[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.key, initialValue(f)]));
}

/** A hint in words for the field's constraints and default, e.g. "Whole number from 50 to 1000. Default 1000." */
export function constraintHint(field: FieldDescription): string {
  const parts: string[] = [];
  const low = field.minimum ?? field.exclusiveMinimum;
  const high = field.maximum ?? field.exclusiveMaximum;
  const what = field.kind === "integer" ? "Whole number" : "Number";
  const big = (n: number) => n >= Number.MAX_SAFE_INTEGER;
  if (field.kind === "integer" || field.kind === "number") {
    if (low !== undefined && high !== undefined && !big(high)) {
      parts.push(`${what} from ${low}${field.exclusiveMinimum !== undefined ? " (exclusive)" : ""} to ${high}.`);
    } else if (low !== undefined) parts.push(`${what}, ${field.exclusiveMinimum !== undefined ? "more than" : "at least"} ${low}.`);
    else if (high !== undefined && !big(high)) parts.push(`${what}, at most ${high}.`);
    else parts.push(`${what}.`);
  }
  if (field.kind === "string" && field.format === "uri") parts.push("A full URL (https://…).");
  if (field.kind === "json") {
    const shapes = field.shapes ? `: ${field.shapes.length > 1 ? "one of " : ""}${field.shapes.join(" or ")}` : "";
    parts.push(`JSON${field.jsonType ? ` ${field.jsonType}` : ""}${shapes}.`);
  }
  if (field.kind === "multi-enum" && field.minItems) parts.push(`Choose at least ${field.minItems}.`);
  if (field.default !== undefined && field.kind !== "json" && field.kind !== "boolean" && field.default !== "") {
    parts.push(`Default ${Array.isArray(field.default) ? field.default.join(", ") : String(field.default)}.`);
  }
  return parts.join(" ");
}

function isUrl(text: string): boolean {
  try {
    return !!new URL(text).protocol;
  } catch {
    return false;
  }
}

/** Checks one field's value; returns the JSON value to send (undefined: leave it out) or the message to show. */
export function parseField(field: FieldDescription, raw: FieldValue | undefined): { value?: unknown; error?: string } {
  const label = field.label;
  if (field.kind === "boolean") return { value: raw === true };
  if (field.kind === "multi-enum") {
    const chosen = Array.isArray(raw) ? raw : [];
    if (chosen.length === 0 && !field.required && !field.minItems) return {};
    if (field.minItems && chosen.length < field.minItems) {
      return { error: field.minItems === 1 ? `Choose at least one value for ${label}.` : `Choose at least ${field.minItems} values for ${label}.` };
    }
    if (field.maxItems !== undefined && chosen.length > field.maxItems) return { error: `Choose at most ${field.maxItems} values for ${label}.` };
    return { value: chosen };
  }
  const text = typeof raw === "string" ? (field.secret ? raw : raw.trim()) : "";
  if (text === "") return field.required ? { error: `${label} is required.` } : {};

  switch (field.kind) {
    case "integer":
    case "number": {
      const n = Number(text);
      if (!Number.isFinite(n) || (field.kind === "integer" && !Number.isInteger(n))) {
        return { error: `${label} must be a ${field.kind === "integer" ? "whole number" : "number"}.` };
      }
      if (field.minimum !== undefined && n < field.minimum) return { error: `${label} must be at least ${field.minimum}.` };
      if (field.exclusiveMinimum !== undefined && n <= field.exclusiveMinimum) return { error: `${label} must be more than ${field.exclusiveMinimum}.` };
      if (field.maximum !== undefined && n > field.maximum) return { error: `${label} must be at most ${field.maximum}.` };
      if (field.exclusiveMaximum !== undefined && n >= field.exclusiveMaximum) return { error: `${label} must be less than ${field.exclusiveMaximum}.` };
      return { value: n };
    }
    case "enum":
      return field.options?.includes(text) ? { value: text } : { error: `${label} must be one of ${field.options?.join(", ")}.` };
    case "json": {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { error: `${label} must be valid JSON.` };
      }
      const actual = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
      if (field.jsonType === "object" && actual !== "object") return { error: `${label} must be a JSON object ({ … }).` };
      if (field.jsonType === "array" && actual !== "array") return { error: `${label} must be a JSON array ([ … ]).` };
      return { value };
    }
    default: {
      if (field.minLength !== undefined && text.length < field.minLength) {
        return { error: `${label} must be at least ${field.minLength} character${field.minLength === 1 ? "" : "s"}.` };
      }
      if (field.maxLength !== undefined && text.length > field.maxLength) return { error: `${label} must be at most ${field.maxLength} characters.` };
      if (field.format === "uri" && !isUrl(text)) return { error: `${label} must be a full URL, such as https://example.com.` };
      if (field.format === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) return { error: `${label} must be an email address.` };
      if (field.pattern) {
        let matches = true;
        try {
          matches = new RegExp(field.pattern, "u").test(text);
        } catch {
          // a pattern this browser cannot compile: leave it to the server
        }
        if (!matches) return { error: `${label} is not in the expected format.` };
      }
      return { value: text };
    }
  }
}

/** The JSON object for one group of fields, or the messages per field key when a value is not acceptable. */
export function collectValues(fields: readonly FieldDescription[], values: FormValues): { value: Record<string, unknown>; errors: FieldErrors } {
  const value: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    const parsed = parseField(field, values[field.key]);
    if (parsed.error) errors[field.key] = parsed.error;
    else if (parsed.value !== undefined) value[field.name] = parsed.value;
  }
  return { value, errors };
}

/**
 * The form field a server error names (`config.response.fields.x` → `config.response`), or undefined when the
 * form has no such field.
 */
export function fieldForPath(path: string, keys: readonly string[]): string | undefined {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join(".");
    if (keys.includes(candidate)) return candidate;
  }
  return undefined;
}
