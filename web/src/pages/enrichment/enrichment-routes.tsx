import { Route, Switch } from "wouter";
import { Page } from "../../components/page";

/** The enrichment area (routes relative to /enrichment). */
export default function EnrichmentRoutes() {
  return (
    <Switch>
      <Route path="/">
        <Page title="Enrichments">
          <p>Coming in this change.</p>
        </Page>
      </Route>
    </Switch>
  );
}
