/** The attribute editor's draft, its validation and the changes it makes: pure functions, no React. */

export interface Attribute {
  name: string;
  value: string;
}

/** An attribute the customer has: its value can change, or it can be marked for removal. */
export interface ExistingRow {
  kind: "existing";
  key: string;
  name: string;
  original: string;
  value: string;
  removed: boolean;
}

/** An attribute added in the form: a name and a value. */
export interface NewRow {
  kind: "new";
  key: string;
  name: string;
  value: string;
}

export type DraftRow = ExistingRow | NewRow;

/** The name that is the customer's identifier, never an attribute (the API refuses it). */
export const RESERVED_NAME = "id";

export function draftOf(attributes: Attribute[]): ExistingRow[] {
  return attributes.map((a) => ({ kind: "existing", key: `existing:${a.name}`, name: a.name, original: a.value, value: a.value, removed: false }));
}

/**
 * The error of each new row's name, by row key, as the API would see the name (trimmed): empty, the reserved
 * `id`, the name of an attribute the customer keeps, or a name an earlier new row already has.
 */
export function nameErrors(rows: DraftRow[]): Map<string, string> {
  const errors = new Map<string, string>();
  const kept = new Set(rows.filter((r): r is ExistingRow => r.kind === "existing" && !r.removed).map((r) => r.name));
  const added = new Set<string>();
  for (const row of rows) {
    if (row.kind !== "new") continue;
    const name = row.name.trim();
    if (!name) errors.set(row.key, "Enter a name for the attribute.");
    else if (name === RESERVED_NAME) errors.set(row.key, "“id” is reserved: it is the customer's id, not an attribute, and cannot be set.");
    else if (kept.has(name)) errors.set(row.key, `This customer already has an attribute named “${name}”: change its value above instead.`);
    else if (added.has(name)) errors.set(row.key, `“${name}” is already added in this form: use one row per attribute.`);
    added.add(name);
  }
  return errors;
}

/** The attributes once the draft is applied, sorted by name as the API lists them. */
export function resultingAttributes(rows: DraftRow[]): Attribute[] {
  const result = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === "existing" && !row.removed) result.set(row.name, row.value);
  }
  for (const row of rows) {
    if (row.kind === "new") result.set(row.name.trim(), row.value);
  }
  return [...result].map(([name, value]) => ({ name, value })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * What to send to updateCustomer, whose semantics are merge: only the keys that change, and a removed
 * attribute as null.
 */
export function attributeChanges(original: Attribute[], rows: DraftRow[]): Record<string, string | null> {
  const before = new Map(original.map((a) => [a.name, a.value]));
  const after = new Map(resultingAttributes(rows).map((a) => [a.name, a.value]));
  const changes: Record<string, string | null> = {};
  for (const name of before.keys()) if (!after.has(name)) changes[name] = null;
  for (const [name, value] of after) if (before.get(name) !== value) changes[name] = value;
  return changes;
}
