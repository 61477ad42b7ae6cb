import type { CombinedError } from "urql";

/** The API's limits on a rule's boost: −1 hides, 0 would change nothing, boosts multiply up to ×101. */
export const MIN_BOOST = -1;
export const MAX_BOOST = 100;

export function boostError(text: string): string | null {
  if (!text.trim()) return "Enter a boost, e.g. 0.5 (+50 %) or -0.3 (−30 %).";
  const n = Number(text);
  if (!Number.isFinite(n)) return "A number, e.g. 0.5 or -0.3.";
  if (n < MIN_BOOST) return "At least -1 (-1 hides the companies).";
  if (n === 0) return "Not 0: a boost of 0 changes nothing.";
  if (n > MAX_BOOST) return `At most ${MAX_BOOST}.`;
  return null;
}

export function valueError(field: string, text: string): string | null {
  if (!text.trim()) return "Enter the value the rule matches.";
  if (field.startsWith("employees_") && !Number.isFinite(Number(text))) return "A number of employees.";
  return null;
}

/** The API's BAD_USER_INPUT names the argument it refused (`extensions.field`): shown beside that field. */
export function fieldOfError(error: CombinedError | undefined): string | undefined {
  const e = error?.graphQLErrors[0];
  return e?.extensions?.code === "BAD_USER_INPUT" ? (e.extensions.field as string | undefined) : undefined;
}
