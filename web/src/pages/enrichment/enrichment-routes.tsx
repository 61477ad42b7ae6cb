import { Route, Switch } from "wouter";
import { EnrichmentList } from "./enrichment-list";
import { EnrichmentTransactionPage } from "./enrichment-transaction";

/** The enrichment area (routes relative to /enrichment): the transactions, and one transaction by erid. */
export default function EnrichmentRoutes() {
  return (
    <Switch>
      <Route path="/">
        <EnrichmentList />
      </Route>
      <Route path="/:erid">{(params) => <EnrichmentTransactionPage key={params.erid} erid={decode(params.erid)} />}</Route>
    </Switch>
  );
}

/** Route params arrive as they are in the URL; an erid may hold any character. */
function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
