import { Route, Switch } from "wouter";
import { Page } from "../../components/page";

/** The influencers area (routes relative to /influencers). */
export default function InfluencerRoutes() {
  return (
    <Switch>
      <Route path="/">
        <Page title="Influencers">
          <p>Coming in this change.</p>
        </Page>
      </Route>
    </Switch>
  );
}
