import { Route, Switch } from "wouter";
import { Page } from "../../components/page";

/** The customers area (routes relative to /customers). */
export default function CustomerRoutes() {
  return (
    <Switch>
      <Route path="/">
        <Page title="Customers">
          <p>Coming in this change.</p>
        </Page>
      </Route>
    </Switch>
  );
}
