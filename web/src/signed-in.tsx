import { lazy, Suspense, useEffect } from "react";
import { Link, Redirect, Route, Router, Switch, useLocation } from "wouter";
import { useHashLocation } from "wouter/use-hash-location";
import { useQuery } from "urql";
import { ViewerDocument } from "./generated/graphql";
import { ViewerProvider } from "./viewer";
import { ErrorBanner, errorCode, Loading } from "./components/query-state";

// Each area is its own chunk: the first load carries the shell and the page it opens, nothing more.
const CustomerRoutes = lazy(() => import("./pages/customers/customer-routes"));
const CompanyRoutes = lazy(() => import("./pages/companies/company-routes"));
const ConnectionRoutes = lazy(() => import("./pages/connections/connection-routes"));
const EnrichmentRoutes = lazy(() => import("./pages/enrichment/enrichment-routes"));
const InfluencerRoutes = lazy(() => import("./pages/influencers/influencer-routes"));

const AREAS = [
  { path: "/customers", label: "Customers", component: CustomerRoutes },
  { path: "/companies", label: "Companies", component: CompanyRoutes },
  { path: "/connections", label: "Connections", component: ConnectionRoutes },
  { path: "/enrichment", label: "Enrichment", component: EnrichmentRoutes },
  { path: "/influencers", label: "Influencers", component: InfluencerRoutes },
];

/**
 * The console once a key is accepted. Routes live in the URL's hash (`/#/customers/42`) so they never collide
 * with the REST routes the same server answers (`GET /customers` is the customer API).
 */
export function SignedIn({ onLogout }: { onLogout: () => void }) {
  const [{ data, error, fetching }] = useQuery({ query: ViewerDocument });
  const unauthenticated = errorCode(error) === "UNAUTHENTICATED";
  useEffect(() => {
    if (unauthenticated) onLogout(); // the key was revoked or is wrong: back to the login page
  }, [unauthenticated, onLogout]);

  if (fetching && !data) return <Loading label="Signing in…" />;
  if (!data) return <ErrorBanner error={error ?? "Could not read your account."} />;
  const viewer = data.viewer;
  return (
    <ViewerProvider value={viewer}>
      <Router hook={useHashLocation}>
        <a className="skip-link" href="#main" onClick={skipToMain}>
          Skip to content
        </a>
        <header className="top-bar">
          <span className="brand">Conflux</span>
          <Navigation />
          <div className="who">
            <span>
              Account <strong data-testid="account-name">{viewer.account.name}</strong>
            </span>
            <span className={`role role-${viewer.role.toLowerCase()}`}>{viewer.role}</span>
            <button type="button" className="secondary" onClick={onLogout}>
              Log out
            </button>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Switch>
              {AREAS.map(({ path, component: Area }) => (
                <Route key={path} path={path} nest>
                  <Area />
                </Route>
              ))}
              <Route path="/">
                <Redirect to="/customers" replace />
              </Route>
              <Route>
                <p>There is no page here. Choose an area above.</p>
              </Route>
            </Switch>
          </Suspense>
        </main>
      </Router>
    </ViewerProvider>
  );
}

function Navigation() {
  const [location] = useLocation();
  return (
    <nav aria-label="Console">
      <ul>
        {AREAS.map(({ path, label }) => {
          const current = location === path || location.startsWith(`${path}/`);
          return (
            <li key={path}>
              <Link href={path} aria-current={current ? "page" : undefined}>
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The hash holds the route, so the skip link moves the focus itself instead of navigating to #main. */
function skipToMain(event: React.MouseEvent) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}
