import { Route, Switch } from "wouter";
import { Page } from "../../components/page";

/** The companies area (routes relative to /companies). */
export default function CompanyRoutes() {
  return (
    <Switch>
      <Route path="/">
        <Page title="Companys">
          <p>Coming in this change.</p>
        </Page>
      </Route>
    </Switch>
  );
}
