/** Words for the API's names: rule fields, signals and provenance sources, as the Companies area shows them. */

/** The fields a score rule may match (the API's RULE_FIELDS), in the order the form offers them. */
export const RULE_FIELDS = [
  { value: "industry", label: "Industry" },
  { value: "country", label: "Country" },
  { value: "region", label: "Region" },
  { value: "sub_region", label: "Sub-region" },
  { value: "domain", label: "Domain" },
  { value: "company", label: "Company (id)" },
  { value: "employees_min", label: "Employees at least" },
  { value: "employees_max", label: "Employees at most" },
] as const;

export function ruleFieldLabel(field: string): string {
  return RULE_FIELDS.find((f) => f.value === field)?.label ?? field;
}

/** A boost as a person reads it: +50 %, −100 % (hidden). */
export function formatBoost(boostBy: number): string {
  if (boostBy === -1) return "−100 % (hidden)";
  const percent = Math.round(boostBy * 1000) / 10;
  return `${percent > 0 ? "+" : "−"}${Math.abs(percent)} %`;
}

/** Signal names of the breakdown (snake case) and of the weights (camel case). */
const SIGNALS: Record<string, string> = {
  visits: "Visits",
  clicks: "Clicks",
  contacts: "Contacts",
  form_submissions: "Form submissions",
  formSubmissions: "Form submissions",
  chats: "Chats",
  custom: "Custom signals",
};

export function signalLabel(signal: string): string {
  return SIGNALS[signal] ?? signal;
}

/** The weights the scoring settings hold, in display order. */
export const WEIGHT_KEYS = ["visits", "clicks", "contacts", "formSubmissions", "chats", "custom"] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];
