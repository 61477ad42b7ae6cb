import { Route, Switch } from "wouter";
import { Page } from "../../components/page";

/** The connections area (routes relative to /connections). */
export default function ConnectionRoutes() {
  return (
    <Switch>
      <Route path="/">
        <Page title="Connections">
          <p>Coming in this change.</p>
        </Page>
      </Route>
    </Switch>
  );
}
