import { FormEvent, useState } from "react";
import { FilterErrors, FilterFields, hasFilters, NO_FILTERS, toCompanyFilter } from "./list-filters";

const FIELDS: { key: keyof FilterFields; label: string; type: "search" | "text" | "number"; size?: number }[] = [
  { key: "search", label: "Search", type: "search", size: 14 },
  { key: "industry", label: "Industry", type: "text", size: 10 },
  { key: "country", label: "Country", type: "text", size: 4 },
  { key: "region", label: "Region", type: "text", size: 6 },
  { key: "employeesMin", label: "Employees from", type: "number" },
  { key: "employeesMax", label: "Employees to", type: "number" },
  { key: "minScore", label: "Minimum score", type: "number" },
];

const HINTS: Partial<Record<keyof FilterFields, string>> = { search: "Part of the name, or a domain", country: "e.g. FR" };

/** The ranked list's filters: typed freely, applied together on submit, checked inline first. */
export function CompanyFilters({ applied, onApply }: { applied: FilterFields; onApply: (fields: FilterFields) => void }) {
  const [draft, setDraft] = useState(applied);
  const [errors, setErrors] = useState<FilterErrors>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const { errors: found } = toCompanyFilter(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(draft);
  }

  function clear() {
    setDraft(NO_FILTERS);
    setErrors({});
    onApply(NO_FILTERS);
  }

  return (
    <form className="inline company-filters" role="search" aria-label="Filter companies" onSubmit={submit} noValidate>
      {FIELDS.map(({ key, label, type, size }) => {
        const id = `company-filter-${key}`;
        const error = errors[key];
        const describedBy = [HINTS[key] && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
        return (
          <div className="field" key={key}>
            <label htmlFor={id}>{label}</label>
            <input
              id={id}
              name={key}
              type={type}
              size={size}
              min={type === "number" ? 0 : undefined}
              step={key === "minScore" ? "any" : undefined}
              className={type === "number" ? "narrow" : undefined}
              value={draft[key]}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
            {HINTS[key] && (
              <span id={`${id}-hint`} className="visually-hidden">
                {HINTS[key]}
              </span>
            )}
            {error && (
              <p id={`${id}-error`} className="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit">Apply filters</button>
      <button type="button" className="secondary" onClick={clear} disabled={!hasFilters(draft) && !hasFilters(applied)}>
        Clear
      </button>
    </form>
  );
}
