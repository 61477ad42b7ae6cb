import { useQuery } from "urql";
import { Link } from "wouter";
import { CustomerDetailDocument } from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, errorCode, Loading } from "../../components/query-state";
import { CustomerDetails } from "./customer-details";

/** One customer, by id: loading, not found, an error, or the customer itself. */
export function CustomerPage({ id }: { id: string }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CustomerDetailDocument, variables: { id } });

  if (errorCode(error) === "NOT_FOUND") return <CustomerNotFound id={id} />;
  if (!data) {
    return (
      <Page title={`Customer ${id}`}>
        {fetching || !error ? (
          <Loading label="Loading customer…" />
        ) : (
          <ErrorBanner error={error} onRetry={() => reexecute({ requestPolicy: "network-only" })} />
        )}
      </Page>
    );
  }
  return <CustomerDetails customer={data.customer} />;
}

function CustomerNotFound({ id }: { id: string }) {
  return (
    <Page title="Customer not found">
      <p className="customer-not-found">
        There is no customer with the id <strong>{id}</strong> in this account. It may have been deleted, or the link may be
        wrong.
      </p>
      <p>
        <Link href="/">Back to all customers</Link>
      </p>
    </Page>
  );
}
