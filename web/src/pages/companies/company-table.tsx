import { Link } from "wouter";
import type { CompanyListRowFragment } from "../../generated/graphql";
import { formatCount, formatDecimal } from "../../components/format";

/** One page of the ranking: rank, facts and today's score of each company. */
export function CompanyTable({ companies, firstRank }: { companies: CompanyListRowFragment[]; firstRank: number }) {
  return (
    <table className="company-ranking">
      <caption>Companies ranked by score</caption>
      <thead>
        <tr>
          <th scope="col" className="number">
            Rank
          </th>
          <th scope="col">Company</th>
          <th scope="col">Domains</th>
          <th scope="col">Industry</th>
          <th scope="col">Country</th>
          <th scope="col">Region</th>
          <th scope="col" className="number">
            Employees
          </th>
          <th scope="col" className="number">
            Score
          </th>
        </tr>
      </thead>
      <tbody>
        {companies.map((c, i) => (
          <tr key={c.id}>
            <td className="number">{firstRank + i}</td>
            <th scope="row">
              <Link href={`/${encodeURIComponent(c.id)}`}>{c.name}</Link>
            </th>
            <td>{c.domains.join(", ") || "—"}</td>
            <td>{c.industry ?? "—"}</td>
            <td>{c.country ?? "—"}</td>
            <td>{c.region ?? "—"}</td>
            <td className="number">{formatCount(c.employees)}</td>
            <td className="number">{formatDecimal(c.score.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
