import { useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "urql";
import { CustomerListDocument } from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, Loading } from "../../components/query-state";
import { formatCount } from "../../components/format";
import { afterOf, FIRST_PAGE, KeysetPager, nextPage, previousPage } from "../../components/keyset-pager";
import { filterOf, useCustomerListState } from "./list-state";
import { CustomerSearchForm, CustomerViewOptions } from "./customer-search-form";
import { CustomerTable } from "./customer-table";
import { NewCustomerForm } from "./new-customer-form";

/** Customers: search by an attribute, order, keyset pages with a total, and a way to add one. */
export function CustomerList() {
  const { state, setState, flash, setFlash } = useCustomerListState();
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  const paged = useRef(false);
  const after = afterOf(state.cursors);
  const variables = useMemo(
    () => ({ first: state.first, after, filter: filterOf(state.search), orderBy: state.orderBy }),
    [state.first, after, state.search, state.orderBy],
  );
  const [{ data, error, fetching, operation }, reexecute] = useQuery({ query: CustomerListDocument, variables });

  // The deletion notice is for this visit of the list only.
  useEffect(() => () => setFlash(null), [setFlash]);

  // urql keeps the previous page's data while the next one loads; it is shown dimmed and not counted as current.
  const current = !!data && !!operation && sameVariables(operation.variables, variables);
  const page = data?.customers;
  const offset = (state.cursors.length - 1) * state.first;
  const customers = page?.edges.map((e) => e.node) ?? [];
  const attributeNames = useMemo(() => [...new Set(customers.flatMap((c) => c.attributes.map((a) => a.name)))].sort(), [customers]);
  const extraAttribute = state.search && !["id", "email"].includes(state.search.attribute) ? state.search.attribute : null;

  // After Previous or Next, a button that is now disabled (first or last page) would drop the focus: the
  // summary of the new page takes it instead.
  useEffect(() => {
    if (!current || !paged.current) return;
    paged.current = false;
    const active = document.activeElement;
    if (!active || active === document.body || (active instanceof HTMLButtonElement && active.disabled)) summary.current?.focus();
  }, [current, variables]);

  const closeNew = () => {
    setCreating(false);
    requestAnimationFrame(() => newButton.current?.focus());
  };

  return (
    <Page
      title="Customers"
      actions={
        <button
          type="button"
          ref={newButton}
          aria-expanded={creating}
          aria-controls="new-customer"
          onClick={() => (creating ? closeNew() : setCreating(true))}
        >
          New customer
        </button>
      }
    >
      {flash && (
        <p className="notice" role="status">
          {flash}
        </p>
      )}
      <div id="new-customer">{creating && <NewCustomerForm onCancel={closeNew} />}</div>
      <div className="customer-controls">
        <CustomerSearchForm
          search={state.search}
          attributeNames={attributeNames}
          onSearch={(search) => setState((s) => ({ ...s, search, cursors: FIRST_PAGE }))}
        />
        <CustomerViewOptions
          orderBy={state.orderBy}
          first={state.first}
          onChange={(change) => setState((s) => ({ ...s, ...change, cursors: FIRST_PAGE }))}
        />
      </div>

      {error && <ErrorBanner error={error} onRetry={() => reexecute({ requestPolicy: "network-only" })} />}
      {!page && fetching && <Loading label="Loading customers…" />}
      {page && (
        <>
          <p className="customer-summary" data-testid="customer-summary" aria-live="polite" tabIndex={-1} ref={summary}>
            {!current ? (
              "Loading customers…"
            ) : page.totalCount === 0 ? (
              state.search ? "No customer matches this search." : "No customers yet."
            ) : (
              <>
                Showing {formatCount(offset + 1)}–{formatCount(offset + customers.length)} of{" "}
                <strong data-testid="customer-total">{formatCount(page.totalCount)}</strong>{" "}
                {page.totalCount === 1 ? "customer" : "customers"}
                {state.search && (
                  <>
                    {" "}
                    whose {state.search.attribute} {state.search.match} “{state.search.value}”
                  </>
                )}
              </>
            )}
          </p>
          {customers.length > 0 && (
            <CustomerTable
              customers={customers}
              caption={`Customers ${offset + 1} to ${offset + customers.length} of ${page.totalCount}`}
              extraAttribute={extraAttribute}
              busy={!current || fetching}
            />
          )}
          <KeysetPager
            label="Customer pages"
            positionTestId="customer-page-number"
            page={state.cursors.length}
            pageInfo={page.pageInfo}
            totalCount={page.totalCount}
            pageSize={state.first}
            loading={!current}
            onPrevious={() => {
              paged.current = true;
              setState((s) => ({ ...s, cursors: previousPage(s.cursors) }));
            }}
            onNext={(endCursor) => {
              paged.current = true;
              setState((s) => ({ ...s, cursors: nextPage(s.cursors, endCursor) }));
            }}
          />
        </>
      )}
    </Page>
  );
}

function sameVariables(a: object | undefined, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
