import type { CompanyFilter } from "../../generated/graphql";

/** The list's filters as typed in the form (strings, empty = no filter). */
export interface FilterFields {
  search: string;
  industry: string;
  country: string;
  region: string;
  employeesMin: string;
  employeesMax: string;
  minScore: string;
}

export const NO_FILTERS: FilterFields = { search: "", industry: "", country: "", region: "", employeesMin: "", employeesMax: "", minScore: "" };

export type FilterErrors = Partial<Record<keyof FilterFields, string>>;

function wholeNumber(text: string): number | undefined | null {
  if (!text.trim()) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** The API filter of the fields, or what is wrong with them. */
export function toCompanyFilter(fields: FilterFields): { filter: CompanyFilter; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const filter: CompanyFilter = {};
  for (const key of ["search", "industry", "country", "region"] as const) {
    const value = fields[key].trim();
    if (value) filter[key] = value;
  }
  const min = wholeNumber(fields.employeesMin);
  const max = wholeNumber(fields.employeesMax);
  if (min === null) errors.employeesMin = "A whole number, 0 or more.";
  if (max === null) errors.employeesMax = "A whole number, 0 or more.";
  if (typeof min === "number" && typeof max === "number" && min > max) errors.employeesMax = "At least the minimum.";
  if (min != null || max != null) filter.employees = { ...(min != null ? { min } : {}), ...(max != null ? { max } : {}) };
  if (fields.minScore.trim()) {
    const score = Number(fields.minScore);
    if (!Number.isFinite(score) || score < 0) errors.minScore = "A number, 0 or more.";
    else filter.minScore = score;
  }
  return { filter, errors };
}

export function hasFilters(fields: FilterFields): boolean {
  return Object.values(fields).some((v) => v.trim() !== "");
}
