import { Route, Switch } from "wouter";
import { CustomerListStateProvider } from "./list-state";
import { CustomerList } from "./customer-list";
import { CustomerPage } from "./customer-page";
import { customerIdFromParam } from "./customer-path";

/** The customers area (routes relative to /customers): the list at `/`, one customer at `/:id`. */
export default function CustomerRoutes() {
  return (
    <CustomerListStateProvider>
      <Switch>
        <Route path="/">
          <CustomerList />
        </Route>
        <Route path="/:id">
          {(params) => {
            const id = customerIdFromParam(params.id);
            // Keyed by id: another customer is a fresh page, never the previous one's data while loading.
            return <CustomerPage key={id} id={id} />;
          }}
        </Route>
      </Switch>
    </CustomerListStateProvider>
  );
}
