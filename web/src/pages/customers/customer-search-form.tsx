import { FormEvent, useState } from "react";
import type { CustomerOrder } from "../../generated/graphql";
import { CustomerSearch, MatchMode, PAGE_SIZES } from "./list-state";

const ORDERS: { value: CustomerOrder; label: string }[] = [
  { value: "ID_ASC", label: "Id, A to Z" },
  { value: "ID_DESC", label: "Id, Z to A" },
  { value: "LAST_UPDATED_DESC", label: "Recently updated first" },
  { value: "LAST_UPDATED_ASC", label: "Least recently updated first" },
];

/** Search by one attribute (equals or contains); an empty attribute and value clear the search. */
export function CustomerSearchForm({
  search,
  attributeNames,
  onSearch,
}: {
  search: CustomerSearch | null;
  attributeNames: string[];
  onSearch: (search: CustomerSearch | null) => void;
}) {
  const [attribute, setAttribute] = useState(search?.attribute ?? "");
  const [match, setMatch] = useState<MatchMode>(search?.match ?? "contains");
  const [value, setValue] = useState(search?.value ?? "");
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const name = attribute.trim();
    if (!name && value) {
      setError("Enter the attribute to search in, e.g. email.");
      document.getElementById("customer-search-attribute")?.focus();
      return;
    }
    setError(null);
    onSearch(name ? { attribute: name, match, value } : null);
  }

  function clear() {
    setAttribute("");
    setValue("");
    setMatch("contains");
    setError(null);
    onSearch(null);
  }

  return (
    <form className="inline" role="search" aria-label="Search customers" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="customer-search-attribute">Attribute</label>
        <input
          id="customer-search-attribute"
          value={attribute}
          list="customer-attribute-names"
          autoComplete="off"
          placeholder="email"
          onChange={(e) => {
            setAttribute(e.target.value);
            if (e.target.value.trim()) setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "customer-search-error" : undefined}
        />
        <datalist id="customer-attribute-names">
          {attributeNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="customer-search-match">Match</label>
        <select id="customer-search-match" value={match} onChange={(e) => setMatch(e.target.value as MatchMode)}>
          <option value="contains">contains</option>
          <option value="equals">equals</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="customer-search-value">Value</label>
        <input id="customer-search-value" value={value} autoComplete="off" onChange={(e) => setValue(e.target.value)} />
      </div>
      <button type="submit">Search</button>
      <button type="button" className="secondary" onClick={clear} disabled={!search && !attribute && !value}>
        Clear
      </button>
      {error && (
        <p id="customer-search-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** Order and page size: each applies as soon as it is chosen and starts again from the first page. */
export function CustomerViewOptions({
  orderBy,
  first,
  onChange,
}: {
  orderBy: CustomerOrder;
  first: number;
  onChange: (change: { orderBy?: CustomerOrder; first?: number }) => void;
}) {
  return (
    <div className="customer-view-options">
      <div className="field">
        <label htmlFor="customer-order">Order</label>
        <select id="customer-order" value={orderBy} onChange={(e) => onChange({ orderBy: e.target.value as CustomerOrder })}>
          {ORDERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="customer-page-size">Per page</label>
        <select id="customer-page-size" value={first} onChange={(e) => onChange({ first: Number(e.target.value) })}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
