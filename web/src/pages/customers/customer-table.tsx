import { Link } from "wouter";
import type { CustomerListFieldsFragment } from "../../generated/graphql";
import { formatDateTime } from "../../components/format";
import { createdAtValue, customerHref } from "./customer-path";

/**
 * One page of customers. Each id links to the customer; when the search is on another attribute than id or
 * email, that attribute gets a column so the match is visible.
 */
export function CustomerTable({
  customers,
  caption,
  extraAttribute,
  busy,
}: {
  customers: CustomerListFieldsFragment[];
  caption: string;
  extraAttribute: string | null;
  busy: boolean;
}) {
  return (
    <table className="customer-table" aria-busy={busy || undefined}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Id</th>
          <th scope="col">Email</th>
          {extraAttribute && <th scope="col">{extraAttribute}</th>}
          <th scope="col">Created</th>
          <th scope="col">Last updated</th>
        </tr>
      </thead>
      <tbody>
        {customers.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              <Link href={customerHref(c.id)}>{c.id}</Link>
            </th>
            <td>{c.email ?? "—"}</td>
            {extraAttribute && <td>{c.attributes.find((a) => a.name === extraAttribute)?.value ?? "—"}</td>}
            <td>{formatDateTime(createdAtValue(c.createdAt))}</td>
            <td>{formatDateTime(c.lastUpdated)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
