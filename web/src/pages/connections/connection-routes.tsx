import { Route, Switch } from "wouter";
import { ConnectionListPage } from "./connection-list-page";
import { RegisterConnectionPage } from "./register-connection-page";
import { ConnectionPage } from "./connection-page";

/** The connections area (routes relative to /connections): the list, registration and one connection. */
export default function ConnectionRoutes() {
  return (
    <Switch>
      <Route path="/" component={ConnectionListPage} />
      <Route path="/new" component={RegisterConnectionPage} />
      <Route path="/:id">{(params) => <ConnectionPage key={params.id} id={params.id} />}</Route>
    </Switch>
  );
}
