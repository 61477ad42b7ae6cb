import { Fragment, ReactNode } from "react";
import type { CompanyDetailQuery } from "../../generated/graphql";
import { formatCount, formatDateTime } from "../../components/format";

type Company = CompanyDetailQuery["company"];
type Provenance = Record<string, { source?: string; at?: string } | undefined>;

/** Where a fact came from, as the API records it per field (`{source, at}`). */
function Source({ of, provenance }: { of: string; provenance: Provenance }) {
  const p = provenance[of];
  if (!p?.source) return null;
  return (
    <span className="provenance">
      {" "}
      from {p.source}
      {p.at ? `, ${formatDateTime(p.at)}` : ""}
    </span>
  );
}

function List({ items }: { items: string[] }) {
  return items.length ? <>{items.join(", ")}</> : <>—</>;
}

/** The company's shared facts, each with its provenance where the API gives it. */
export function CompanyFacts({ company }: { company: Company }) {
  const provenance = (company.provenance ?? {}) as Provenance;
  const facts: { label: string; value: ReactNode; field?: string }[] = [
    { label: "Name", value: company.name, field: "name" },
    { label: "Aliases", value: <List items={company.aliases} /> },
    { label: "Domains", value: <List items={company.domains} />, field: "domains" },
    { label: "IP ranges", value: <List items={company.ipRanges} /> },
    { label: "Industry", value: company.industry ?? "—", field: "industry" },
    { label: "Country", value: company.country ?? "—", field: "country" },
    { label: "Region", value: company.region ?? "—", field: "region" },
    { label: "Sub-region", value: company.subRegion ?? "—", field: "sub_region" },
    { label: "Employees", value: formatCount(company.employees), field: "employees" },
    { label: "First seen", value: formatDateTime(company.firstSeenAt) },
  ];
  return (
    <dl className="facts company-facts">
      {facts.map(({ label, value, field }) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>
            {value}
            {field && <Source of={field} provenance={provenance} />}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
