import { useCallback, useMemo, useState } from "react";
import { Link } from "wouter";
import { useClient, useQuery } from "urql";
import { CompanyListDocument } from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, Loading } from "../../components/query-state";
import { formatCount } from "../../components/format";
import { afterOf, FIRST_PAGE, KeysetPager, nextPage, previousPage } from "../../components/keyset-pager";
import { useIsAdmin } from "../../viewer";
import { CompanyFilters } from "./company-filters";
import { CompanyTable } from "./company-table";
import { hasFilters, toCompanyFilter } from "./list-filters";
import { useListState } from "./list-state";
import { useScoreUpdates } from "./use-score-updates";

export const PAGE_SIZE = 25;

// An empty page carries no Company for the cache to know the query by; rule and noise changes name it.
const CONTEXT = { additionalTypenames: ["Company"] };

const clock = new Intl.DateTimeFormat("en-GB", { timeStyle: "medium" });

/** The account's companies ranked by score, filtered, a page at a time, re-ranked live as scores move. */
export function CompanyListPage() {
  const isAdmin = useIsAdmin();
  const client = useClient();
  const [state, setState] = useListState();
  const filter = useMemo(() => toCompanyFilter(state.filters).filter, [state.filters]);
  const after = afterOf(state.cursors);
  const variables = useMemo(() => ({ filter, first: PAGE_SIZE, after }), [filter, after]);
  // Scores move with ingestion, which no mutation of this console announces: a page shown again is re-read.
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CompanyListDocument, variables, requestPolicy: "cache-and-network", context: CONTEXT });
  const [note, setNote] = useState("");

  useScoreUpdates(
    useCallback(async () => {
      const result = await client.query(CompanyListDocument, variables, { requestPolicy: "network-only" }).toPromise();
      if (!result.error) setNote(`Scores updated at ${clock.format(new Date())}.`);
    }, [client, variables]),
  );

  const page = data?.companies;
  const offset = (state.cursors.length - 1) * PAGE_SIZE;
  const filtered = hasFilters(state.filters);

  return (
    <Page title="Companies" actions={isAdmin && <Link href="/rules">Score rules and noise</Link>}>
      <CompanyFilters applied={state.filters} onApply={(filters) => setState({ filters, cursors: FIRST_PAGE })} />
      <p className="live-note" role="status" aria-live="polite" data-testid="score-updates">
        {note}
      </p>
      {error && <ErrorBanner error={error} onRetry={() => reexecute({ requestPolicy: "network-only" })} />}
      {!page && fetching && <Loading />}
      {page && page.edges.length === 0 && (
        <p>{filtered ? "No companies match these filters." : "No companies yet: CRM syncs, uploads and website activity add them."}</p>
      )}
      {page && page.edges.length > 0 && (
        <>
          <CompanyTable companies={page.edges.map((e) => e.node)} firstRank={offset + 1} />
          <KeysetPager
            label="Pages of companies"
            page={state.cursors.length}
            pageInfo={page.pageInfo}
            totalCount={page.totalCount}
            pageSize={PAGE_SIZE}
            detail={`${formatCount(offset + 1)}–${formatCount(offset + page.edges.length)} of ${formatCount(page.totalCount)}`}
            onPrevious={() => setState({ ...state, cursors: previousPage(state.cursors) })}
            onNext={(endCursor) => setState({ ...state, cursors: nextPage(state.cursors, endCursor) })}
          />
        </>
      )}
    </Page>
  );
}
