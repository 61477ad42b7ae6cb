import { Route, Switch } from "wouter";
import { CompanyListPage } from "./company-list-page";
import { CompanyPage } from "./company-page";
import { RulesPage } from "./rules-page";

/** The companies area (routes relative to /companies): the ranking, the rules (admin) and one company. */
export default function CompanyRoutes() {
  return (
    <Switch>
      <Route path="/">
        <CompanyListPage />
      </Route>
      <Route path="/rules">
        <RulesPage />
      </Route>
      <Route path="/:id">{(params) => <CompanyPage key={params.id} id={decodeURIComponent(params.id)} />}</Route>
    </Switch>
  );
}
