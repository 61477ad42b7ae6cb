import { useState } from "react";
import { Link } from "wouter";
import { useQuery } from "urql";
import {
  EnrichmentTransactionListDocument,
  type EnrichmentStatus,
  type EnrichmentTransactionListQuery,
} from "../../generated/graphql";
import { Page } from "../../components/page";
import { ErrorBanner, Loading } from "../../components/query-state";
import { formatCount, formatDateTime } from "../../components/format";
import { KeysetPager, useCursorStack } from "../../components/keyset-pager";
import { fieldLabel, ProgressBar, StatusBadge, useLiveProgress } from "./enrichment-progress";

const PAGE_SIZE = 20;

type Transaction = EnrichmentTransactionListQuery["enrichmentTransactions"]["edges"][number]["node"];

const FILTERS: { value: "" | EnrichmentStatus; label: string }[] = [
  { value: "", label: "Any status" },
  { value: "INCOMPLETE", label: "Incomplete" },
  { value: "COMPLETED", label: "Completed" },
];

/** The account's enrichment transactions, newest first, each with its progress live until it completes. */
export function EnrichmentList() {
  const [status, setStatus] = useState<"" | EnrichmentStatus>("");
  const paging = useCursorStack();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: EnrichmentTransactionListDocument,
    variables: { status: status || null, first: PAGE_SIZE, after: paging.after },
  });
  const page = data?.enrichmentTransactions;

  return (
    <Page
      title="Enrichments"
      actions={
        <button type="button" className="secondary" onClick={() => refetch({ requestPolicy: "network-only" })}>
          Refresh
        </button>
      }
    >
      <form className="inline" role="search" aria-label="Filter transactions" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="enrichment-status">Status</label>
          <select
            id="enrichment-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as "" | EnrichmentStatus);
              paging.reset();
            }}
          >
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </form>

      {error && <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: "network-only" })} />}
      {!page && fetching && <Loading label="Loading transactions…" />}
      {page && (
        <>
          <p className="hint" data-testid="transaction-count">
            {formatCount(page.totalCount)} {page.totalCount === 1 ? "transaction" : "transactions"}
            {status ? ` ${status.toLowerCase()}` : ""}
          </p>
          {page.edges.length === 0 ? (
            <p>No transactions{status ? " with this status" : " yet"}. Integrators submit them with submitEnrichment or POST /v2/enriched_data.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Enrichment transactions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Transaction</th>
                  <th scope="col">Requested fields</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Requested</th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node }) => (
                  <TransactionRow key={node.erid} transaction={node} />
                ))}
              </tbody>
            </table>
          )}
          <KeysetPager
            label="Pages of transactions"
            page={paging.page}
            pageInfo={page.pageInfo}
            totalCount={page.totalCount}
            pageSize={PAGE_SIZE}
            onPrevious={paging.previous}
            onNext={paging.next}
          />
        </>
      )}
    </Page>
  );
}

function TransactionRow({ transaction: tx }: { transaction: Transaction }) {
  const progress = useLiveProgress(tx.erid, { status: tx.status, numberOfRecords: tx.numberOfRecords, ...tx.counts });
  return (
    <tr data-testid="transaction-row" data-erid={tx.erid}>
      <th scope="row">
        <Link href={`/${encodeURIComponent(tx.erid)}`}>{tx.erid}</Link>
      </th>
      <td>{tx.fields.map(fieldLabel).join(", ")}</td>
      <td>
        <StatusBadge status={progress.status} />
      </td>
      <td>
        <ProgressBar erid={tx.erid} progress={progress} />
      </td>
      <td>{formatDateTime(tx.requestDate)}</td>
    </tr>
  );
}
